import type { Uuid } from '@helpdesk/events';
import type { KnownUser } from '../shared/facts';
import type { MergedSource, MergeTarget } from './commands';
import type { ExistingUser, User } from './state';

/** The user's email addresses, the primary one first. */
export const emailsOf = (user: User): ReadonlyArray<string> =>
  user.exists
    ? user.identities
        .filter((i) => i.type === 'email')
        .sort((a, b) => Number(b.primary) - Number(a.primary))
        .map((i) => i.value)
    : [];

export const primaryEmailOf = (user: User): string | null =>
  (user.exists && user.identities.find((i) => i.type === 'email' && i.primary)?.value) || null;

export const hasXHandle = (user: User): boolean =>
  user.exists && user.identities.some((i) => i.type === 'twitter');

/** What a user may be on either side of a merge on their own (R3.1, R3.5); the rest needs both. */
export const isMergeable = (user: User): user is ExistingUser =>
  user.exists && user.status === 'active' && user.role === 'end-user';

/** The facts other aggregates' commands carry about this user. */
export const toKnownUser = (user: ExistingUser): KnownUser => ({
  id: user.id,
  accountId: user.accountId,
  role: user.role,
  status: user.status,
  organizationIds: user.memberships.map((m) => m.organizationId),
  defaultOrganizationId: user.defaultOrganizationId,
});

/** The facts a `MergeInto` command carries about this user as the target (R3.1 to R3.4). */
export const toMergeTarget = (user: ExistingUser, requestedTicketCount: number): MergeTarget => ({
  ...toKnownUser(user),
  verified: user.verified,
  hasEmail: emailsOf(user).length > 0,
  hasXHandle: hasXHandle(user),
  externalId: user.profile.externalId,
  requestedTicketCount,
});

/** A blank direct line is no number at all. */
const hasDirectLine = (phone: string | null): phone is string =>
  phone !== null && phone.trim() !== '';

/**
 * The snapshot an `AbsorbMergedUser` command carries about this user as the source (R3.8);
 * `newId` (the application's id generator) gives each value the id it may get on the target.
 */
export const toMergedSource = (user: ExistingUser, newId: () => Uuid): MergedSource => ({
  id: user.id,
  identities: user.identities.map(({ type, value, verified }) => ({
    type,
    value,
    verified,
    newIdentityId: newId(),
  })),
  directLine: hasDirectLine(user.profile.phone)
    ? { value: user.profile.phone, newIdentityId: newId() }
    : null,
  memberships: user.memberships.map((m) => ({
    organizationId: m.organizationId,
    primaryContact: m.primaryContact,
    newMembershipId: newId(),
  })),
  defaultOrganizationId: user.defaultOrganizationId,
});
