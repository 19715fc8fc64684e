import type { TriggerEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { TriggerCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type TriggerState } from './state';

export const triggerDecider: Decider<TriggerCommand, TriggerEvent, TriggerState> = {
  initialState,
  evolve,
  decide,
};
