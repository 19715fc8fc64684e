import * as t from 'io-ts';
import { Plan, Role, Uuid, nullable } from '@helpdesk/events';

/**
 * Facts a command carries about other aggregates. The application layer looks them up (in read
 * models or other streams) before deciding; the decider checks them and never fetches.
 */

export const UserStatus = t.keyof({ active: null, merged: null, deleted: null }, 'UserStatus');
export type UserStatus = t.TypeOf<typeof UserStatus>;

/** Who issues a command: a user with their role, the system (a process manager) or a platform operator. */
export const CommandActor = t.union(
  [
    t.strict({ type: t.literal('user'), id: Uuid, role: Role }),
    t.strict({ type: t.literal('system') }),
    t.strict({ type: t.literal('operator') }),
  ],
  'CommandActor',
);
export type CommandActor = t.TypeOf<typeof CommandActor>;

/** What another aggregate needs to know about a user: enough to check R1.2, R2.2, R3.1, R4.3. */
export const KnownUser = t.strict(
  {
    id: Uuid,
    accountId: Uuid,
    role: Role,
    status: UserStatus,
    organizationIds: t.array(Uuid),
    defaultOrganizationId: nullable(Uuid),
  },
  'KnownUser',
);
export type KnownUser = t.TypeOf<typeof KnownUser>;

/** The account settings a user or ticket decision depends on (R2.1, R3.4). */
export const KnownAccount = t.strict(
  {
    id: Uuid,
    plan: Plan,
    multipleOrganizations: t.boolean,
    sso: t.keyof({ none: null, jwt: null, saml: null }),
  },
  'KnownAccount',
);
export type KnownAccount = t.TypeOf<typeof KnownAccount>;

/** R2.1: several organizations per end user exist only on the Professional and Enterprise plans. */
export const planAllowsMultipleOrganizations = (plan: Plan): boolean =>
  plan === 'professional' || plan === 'enterprise';

/** R2.1: whether an end user of this account may belong to several organizations. */
export const allowsMultipleOrganizations = (
  account: Pick<KnownAccount, 'plan' | 'multipleOrganizations'>,
): boolean => account.multipleOrganizations && planAllowsMultipleOrganizations(account.plan);

/** R4.7: team listings show who owns the account. */
export const roleLabel = (role: Role, isOwner: boolean): string =>
  isOwner && role === 'admin' ? 'admin (owner)' : role;
