import type { OrganizationEvent, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** An organization of end users: a client or a site. */
export interface Organization {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly name: string;
  /** R6.4: mail from these domains places new users here (Enterprise plan) */
  readonly domainNames: ReadonlyArray<string>;
  /** a removed organization keeps its stream but refuses every further command */
  readonly removed: boolean;
}

/** `null` until the organization is created. */
export type OrganizationState = Organization | null;

export const initialState = (): OrganizationState => null;

export const evolve = (state: OrganizationState, event: OrganizationEvent): OrganizationState => {
  if (event.type === 'OrganizationCreated') {
    const data = event.data;
    return {
      id: data.organization_id,
      accountId: data.account_id,
      name: data.name,
      domainNames: data.domain_names,
      removed: false,
    };
  }
  // An event before the creation cannot be in a well-formed stream: it changes nothing.
  if (state === null) return state;
  switch (event.type) {
    case 'OrganizationRenamed':
      return { ...state, name: event.data.name };
    case 'OrganizationDomainsChanged':
      return { ...state, domainNames: event.data.domain_names };
    case 'OrganizationRemoved':
      return { ...state, removed: true };
    default:
      return assertNever(event);
  }
};
