import * as t from 'io-ts';
import { strict } from './codecs';
import { defineEvent, type EventOf } from './define-event';
import { NonEmptyString, Plan, Uuid, nullable } from './primitives';

export const AccountSettings = strict(
  {
    /** R2.1: several organizations per end user; only on the Professional and Enterprise plans */
    multiple_organizations: t.boolean,
    sso: t.keyof({ none: null, jwt: null, saml: null }),
    /** R6.1 */
    auto_create_users_from_email: t.boolean,
    /** R6.2 */
    welcome_email: strict({ enabled: t.boolean, template_id: nullable(Uuid) }),
    portal_url: nullable(t.string),
  },
  'AccountSettings',
);
export type AccountSettings = t.TypeOf<typeof AccountSettings>;

export const AccountCreated = defineEvent(
  'AccountCreated',
  'account',
  'A help-desk tenant was opened with its owner and its "Unassigned" organization.',
  {
    account_id: Uuid,
    name: NonEmptyString,
    plan: Plan,
    owner_id: Uuid,
    default_organization_id: Uuid,
    settings: AccountSettings,
  },
);
export const AccountRenamed = defineEvent(
  'AccountRenamed',
  'account',
  'The account was given a new name.',
  {
    account_id: Uuid,
    name: NonEmptyString,
    previous_name: NonEmptyString,
  },
);
export const AccountPlanChanged = defineEvent(
  'AccountPlanChanged',
  'account',
  'The account moved to another plan.',
  {
    account_id: Uuid,
    plan: Plan,
    previous_plan: Plan,
  },
);
export const AccountSettingsChanged = defineEvent(
  'AccountSettingsChanged',
  'account',
  'The account settings were changed; `settings` is the whole new set.',
  {
    account_id: Uuid,
    settings: AccountSettings,
  },
);
export const OwnerTransferred = defineEvent(
  'OwnerTransferred',
  'account',
  'The owner handed the account to another active admin (R4.2, R4.3); the previous owner stays an admin without billing access (R4.4).',
  {
    account_id: Uuid,
    previous_owner_id: Uuid,
    owner_id: Uuid,
  },
);

export const accountEvents = [
  AccountCreated,
  AccountRenamed,
  AccountPlanChanged,
  AccountSettingsChanged,
  OwnerTransferred,
] as const;
export type AccountEvent = EventOf<(typeof accountEvents)[number]>;
