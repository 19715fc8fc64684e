import type { IdentityType, UserEvent, UserProfile } from '@helpdesk/events';
import type { CommandActor, KnownAccount } from '../shared/facts';
import type { CreateUser, MergeInto, MergeTarget } from './commands';

/** Test data for the user decider's specifications: people, accounts and their events. */

export const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const accountId = id(1);
export const annId = id(10);
export const bobId = id(11);
export const acme = id(100);
export const globex = id(101);
export const initech = id(102);

export const teamAccount: KnownAccount = {
  id: accountId,
  plan: 'team',
  multipleOrganizations: false,
  sso: 'none',
};
export const enterpriseAccount: KnownAccount = {
  ...teamAccount,
  plan: 'enterprise',
  multipleOrganizations: true,
};

export const agent: CommandActor = { type: 'user', id: id(2), role: 'agent' };
export const admin: CommandActor = { type: 'user', id: id(3), role: 'admin' };
export const endUser: CommandActor = { type: 'user', id: id(4), role: 'end-user' };
export const system: CommandActor = { type: 'system' };
export const operator: CommandActor = { type: 'operator' };

type Data<T extends UserEvent['type']> = Extract<UserEvent, { type: T }>['data'];

export const eventProfile = (overrides: Partial<UserProfile> = {}): UserProfile => ({
  name: 'Ann Lee',
  phone: null,
  external_id: null,
  locale: null,
  time_zone: null,
  photo_url: null,
  details: null,
  notes: null,
  tags: [],
  user_fields: {},
  ...overrides,
});

export const userCreated = (overrides: Partial<Data<'UserCreated'>> = {}): UserEvent => ({
  type: 'UserCreated',
  data: {
    user_id: annId,
    account_id: accountId,
    role: 'end-user',
    verified: false,
    source: 'manual',
    profile: eventProfile(),
    ...overrides,
  },
});

export const identityAdded = (
  identityId: string,
  type: IdentityType,
  value: string,
  flags: { primary?: boolean; verified?: boolean } = {},
  userId = annId,
): UserEvent => ({
  type: 'IdentityAdded',
  data: {
    user_id: userId,
    identity: {
      identity_id: identityId,
      type,
      value,
      verified: flags.verified ?? false,
      primary: flags.primary ?? false,
    },
  },
});

export const joined = (
  membershipId: string,
  organizationId: string,
  primaryContact = false,
  userId = annId,
): UserEvent => ({
  type: 'OrganizationMembershipAdded',
  data: {
    user_id: userId,
    membership_id: membershipId,
    organization_id: organizationId,
    primary_contact: primaryContact,
  },
});

export const left = (membershipId: string, organizationId: string, userId = annId): UserEvent => ({
  type: 'OrganizationMembershipRemoved',
  data: { user_id: userId, membership_id: membershipId, organization_id: organizationId },
});

export const defaultChanged = (
  organizationId: string | null,
  previous: string | null,
  userId = annId,
): UserEvent => ({
  type: 'DefaultOrganizationChanged',
  data: { user_id: userId, organization_id: organizationId, previous_organization_id: previous },
});

export const merged = (targetId = bobId, userId = annId): UserEvent => ({
  type: 'UserMerged',
  data: { user_id: userId, account_id: accountId, target_id: targetId },
});

export const deleted = (userId = annId): UserEvent => ({
  type: 'UserDeleted',
  data: { user_id: userId },
});

/** Ann, an unverified end user known by one primary email. */
export const annWithEmail: ReadonlyArray<UserEvent> = [
  userCreated(),
  identityAdded(id(20), 'email', 'ann@example.com', { primary: true }),
];

export const createUser = (overrides: Partial<CreateUser> = {}): CreateUser => ({
  type: 'CreateUser',
  userId: annId,
  accountId,
  actor: agent,
  role: 'end-user',
  profile: { name: 'Ann Lee' },
  verified: false,
  source: 'manual',
  identities: [{ identityId: id(20), type: 'email', value: 'ann@example.com', verified: false }],
  memberships: [],
  account: teamAccount,
  ...overrides,
});

/** Bob, the target of Ann's merge: an active, unverified end user with an email. */
export const bobAsTarget = (overrides: Partial<MergeTarget> = {}): MergeTarget => ({
  id: bobId,
  accountId,
  role: 'end-user',
  status: 'active',
  organizationIds: [],
  defaultOrganizationId: null,
  verified: false,
  hasEmail: true,
  hasXHandle: false,
  externalId: null,
  requestedTicketCount: 3,
  ...overrides,
});

export const mergeAnnIntoBob = (overrides: Partial<MergeInto> = {}): MergeInto => ({
  type: 'MergeInto',
  userId: annId,
  target: bobAsTarget(),
  sourceRequestedTicketCount: 2,
  account: teamAccount,
  actor: agent,
  ...overrides,
});
