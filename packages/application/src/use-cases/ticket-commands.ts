import * as E from 'fp-ts/Either';
import {
  notFound,
  ticketDecider,
  type CommandActor,
  type Decider,
  type ExistingTicket,
  type Ticket,
  type TicketCommand,
} from '@helpdesk/domain';
import type { TicketEvent, Uuid } from '@helpdesk/events';
import { inSequence } from './in-sequence';

/**
 * Whether a ticket is within the actor's reach (api.md: end users reach only their own tickets):
 * the team reaches every ticket of its account, an end user those they request or are copied on.
 */
export const mayReachTicket = (
  accountId: Uuid,
  actor: CommandActor,
  ticket: Pick<ExistingTicket, 'accountId' | 'requesterId' | 'collaboratorIds'>,
): boolean => {
  if (ticket.accountId !== accountId) return false;
  if (actor.type !== 'user' || actor.role !== 'end-user') return true;
  return ticket.requesterId === actor.id || ticket.collaboratorIds.includes(actor.id);
};

/**
 * The ticket decider for one caller: a ticket beyond their reach is not found, as if it did not
 * exist (nothing crosses accounts, and nobody learns that it exists). Ticket commands carry no
 * account, so the check is made here, on the very state the commands are decided against.
 */
export const ticketsOfCaller = (
  accountId: Uuid,
  actor: CommandActor,
): Decider<ReadonlyArray<TicketCommand>, TicketEvent, Ticket> => {
  const sequence = inSequence(ticketDecider);
  return {
    ...sequence,
    decide: (commands, state) => {
      if (!state.exists || !mayReachTicket(accountId, actor, state)) return notFound('ticket');
      return sequence.decide(commands, state);
    },
  };
};

/** Decides commands against a state without appending: what a request would be refused for. */
export const refusalOf = (
  decider: Decider<ReadonlyArray<TicketCommand>, TicketEvent, Ticket>,
  commands: ReadonlyArray<TicketCommand>,
  state: Ticket,
) => {
  const decision = decider.decide(commands, state);
  return E.isLeft(decision) ? decision.left : undefined;
};
