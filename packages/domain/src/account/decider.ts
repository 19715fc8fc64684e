import type { AccountEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { AccountCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type AccountState } from './state';

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState,
  evolve,
  decide,
};
