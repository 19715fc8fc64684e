import * as t from 'io-ts';
import { NonEmptyString, Uuid } from '@helpdesk/events';
import { DomainNameInput } from './domain-names';

/**
 * Commands of the organization aggregate. Names and domain names are unique among an account's
 * organizations: the application layer enforces that with claim streams (`organization_name`,
 * `organization_domain`) appended before the organization's own events, since one stream cannot
 * see the others.
 */

export const CreateOrganization = t.strict(
  {
    type: t.literal('CreateOrganization'),
    organizationId: Uuid,
    accountId: Uuid,
    name: NonEmptyString,
    domainNames: t.array(DomainNameInput),
  },
  'CreateOrganization',
);
export type CreateOrganization = t.TypeOf<typeof CreateOrganization>;

export const RenameOrganization = t.strict(
  { type: t.literal('RenameOrganization'), organizationId: Uuid, name: NonEmptyString },
  'RenameOrganization',
);
export type RenameOrganization = t.TypeOf<typeof RenameOrganization>;

export const ChangeOrganizationDomains = t.strict(
  {
    type: t.literal('ChangeOrganizationDomains'),
    organizationId: Uuid,
    /** the whole new list */
    domainNames: t.array(DomainNameInput),
  },
  'ChangeOrganizationDomains',
);
export type ChangeOrganizationDomains = t.TypeOf<typeof ChangeOrganizationDomains>;

export const RemoveOrganization = t.strict(
  {
    type: t.literal('RemoveOrganization'),
    organizationId: Uuid,
    /** fact from the account: this is its default "Unassigned" organization (R6.4) */
    isAccountDefault: t.boolean,
  },
  'RemoveOrganization',
);
export type RemoveOrganization = t.TypeOf<typeof RemoveOrganization>;

export const OrganizationCommand = t.union(
  [CreateOrganization, RenameOrganization, ChangeOrganizationDomains, RemoveOrganization],
  'OrganizationCommand',
);
export type OrganizationCommand = t.TypeOf<typeof OrganizationCommand>;
