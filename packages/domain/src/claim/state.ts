import type { ClaimEvent, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** Who holds the value of one claim stream, if anyone: a released value is free again. */
export interface ClaimState {
  readonly holderId: Uuid | null;
}

export const initialState = (): ClaimState => ({ holderId: null });

export const evolve = (_state: ClaimState, event: ClaimEvent): ClaimState => {
  switch (event.type) {
    case 'ValueClaimed':
    case 'ClaimTransferred':
      return { holderId: event.data.holder_id };
    case 'ValueReleased':
      return { holderId: null };
    default:
      return assertNever(event);
  }
};
