import type { ClaimEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { ClaimCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type ClaimState } from './state';

/** One value (an email address, an organization name or domain) held by at most one holder (R5.2). */
export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  initialState,
  evolve,
  decide,
};
