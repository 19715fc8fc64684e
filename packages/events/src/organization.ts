import * as t from 'io-ts';
import { defineEvent, type EventOf } from './define-event';
import { DomainName, NonEmptyString, Uuid } from './primitives';

export const OrganizationCreated = defineEvent(
  'OrganizationCreated',
  'organization',
  'An organization (a client or a site) was created.',
  {
    organization_id: Uuid,
    account_id: Uuid,
    name: NonEmptyString,
    /** R6.4: senders from these domains join this organization (Enterprise plan) */
    domain_names: t.array(DomainName),
  },
);
export const OrganizationRenamed = defineEvent(
  'OrganizationRenamed',
  'organization',
  'The organization was renamed.',
  {
    organization_id: Uuid,
    name: NonEmptyString,
    previous_name: NonEmptyString,
  },
);
export const OrganizationDomainsChanged = defineEvent(
  'OrganizationDomainsChanged',
  'organization',
  "The organization's domain names changed; `domain_names` is the whole new list.",
  {
    organization_id: Uuid,
    domain_names: t.array(DomainName),
  },
);
export const OrganizationRemoved = defineEvent(
  'OrganizationRemoved',
  'organization',
  "The organization was deleted; its requesters' tickets move to their (new) default organization afterwards (R2.9).",
  {
    organization_id: Uuid,
    account_id: Uuid,
  },
);

export const organizationEvents = [
  OrganizationCreated,
  OrganizationRenamed,
  OrganizationDomainsChanged,
  OrganizationRemoved,
] as const;
export type OrganizationEvent = EventOf<(typeof organizationEvents)[number]>;
