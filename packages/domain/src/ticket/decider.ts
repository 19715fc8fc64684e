import type { TicketEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { TicketCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type Ticket } from './state';

export const ticketDecider: Decider<TicketCommand, TicketEvent, Ticket> = {
  initialState,
  evolve,
  decide,
};
