import type { IntegrationEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { IntegrationCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type IntegrationState } from './state';

export const integrationDecider: Decider<IntegrationCommand, IntegrationEvent, IntegrationState> = {
  initialState,
  evolve,
  decide,
};
