import type { AccountEvent, Plan, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { fromEventSettings, type Settings } from './settings';

/** An opened account: one help-desk tenant. */
export interface Account {
  readonly id: Uuid;
  readonly name: string;
  readonly plan: Plan;
  /** R4.1: exactly one owner at any time; only `OwnerTransferred` replaces it. */
  readonly ownerId: Uuid;
  /** the "Unassigned" organization (R6.4), which can never be removed */
  readonly defaultOrganizationId: Uuid;
  readonly settings: Settings;
}

/** `null` until the account is created. */
export type AccountState = Account | null;

export const initialState = (): AccountState => null;

export const evolve = (state: AccountState, event: AccountEvent): AccountState => {
  if (event.type === 'AccountCreated') {
    const data = event.data;
    return {
      id: data.account_id,
      name: data.name,
      plan: data.plan,
      ownerId: data.owner_id,
      defaultOrganizationId: data.default_organization_id,
      settings: fromEventSettings(data.settings),
    };
  }
  // An event before the creation cannot be in a well-formed stream: it changes nothing.
  if (state === null) return state;
  switch (event.type) {
    case 'AccountRenamed':
      return { ...state, name: event.data.name };
    case 'AccountPlanChanged':
      return { ...state, plan: event.data.plan };
    case 'AccountSettingsChanged':
      return { ...state, settings: fromEventSettings(event.data.settings) };
    case 'OwnerTransferred':
      return { ...state, ownerId: event.data.owner_id };
    default:
      return assertNever(event);
  }
};
