import type { IntegrationEvent, IntegrationStatus, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** A third-party integration the account's owner authorised. */
export interface Integration {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly name: string;
  /** the owner whose authorisation it works under */
  readonly authorizedById: Uuid;
  /** R4.5: `reauthorization_required` once that owner handed the account over */
  readonly status: IntegrationStatus;
  /** a removed integration keeps its stream but refuses every further command */
  readonly removed: boolean;
}

/** `null` until the integration is created. */
export type IntegrationState = Integration | null;

export const initialState = (): IntegrationState => null;

export const evolve = (state: IntegrationState, event: IntegrationEvent): IntegrationState => {
  if (event.type === 'IntegrationCreated') {
    const { integration_id, account_id, name, authorized_by_id } = event.data;
    return {
      id: integration_id,
      accountId: account_id,
      name,
      authorizedById: authorized_by_id,
      status: 'active',
      removed: false,
    };
  }
  // events before the creation cannot be in a well-formed stream: they change nothing
  if (state === null) return state;
  switch (event.type) {
    case 'IntegrationReauthorizationRequired':
      return { ...state, status: 'reauthorization_required' };
    case 'IntegrationAuthorized':
      return { ...state, status: 'active', authorizedById: event.data.authorized_by_id };
    case 'IntegrationRemoved':
      return { ...state, removed: true };
    default:
      return assertNever(event);
  }
};
