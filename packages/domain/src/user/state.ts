import type { IdentityType, Role, UserEvent, UserSource, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import type { UserStatus } from '../shared/facts';
import { applyChanges, fromEventProfile, type Profile } from './profile';

/** An email address, a phone number or an X handle by which the user is known. */
export interface UserIdentity {
  readonly id: Uuid;
  readonly type: IdentityType;
  readonly value: string;
  readonly verified: boolean;
  /** at most one primary identity per type */
  readonly primary: boolean;
}

export interface Membership {
  readonly membershipId: Uuid;
  readonly organizationId: Uuid;
  /** R6.9: a primary contact sees all the organization's tickets in the portal */
  readonly primaryContact: boolean;
}

export interface ExistingUser {
  readonly exists: true;
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly role: Role;
  readonly status: UserStatus;
  /** the target of the merge once `status` is `merged` (R3.5) */
  readonly mergedIntoId: Uuid | null;
  readonly mergeCompleted: boolean;
  readonly verified: boolean;
  readonly source: UserSource;
  readonly profile: Profile;
  readonly identities: ReadonlyArray<UserIdentity>;
  readonly memberships: ReadonlyArray<Membership>;
  /** R2.1: one of `memberships` whenever there is at least one, else null */
  readonly defaultOrganizationId: Uuid | null;
  /** users merged into this one, so that absorbing one twice changes nothing (R3.9) */
  readonly absorbedSourceIds: ReadonlyArray<Uuid>;
  /** R6.8: password resets started, and those whose single-use link was used */
  readonly passwordResets: {
    readonly requested: ReadonlyArray<Uuid>;
    readonly completed: ReadonlyArray<Uuid>;
  };
}

/** A user stream folds into a user, or into nothing when the user was never created. */
export type User = { readonly exists: false } | ExistingUser;

export const initialState = (): User => ({ exists: false });

const evolveExisting = (user: ExistingUser, event: UserEvent): ExistingUser => {
  switch (event.type) {
    case 'UserCreated':
      return user;
    case 'UserProfileChanged':
      return { ...user, profile: applyChanges(user.profile, event.data.changes) };
    case 'UserRoleChanged':
      return { ...user, role: event.data.role };
    case 'UserVerified':
      return { ...user, verified: true };
    case 'IdentityAdded': {
      const { identity_id, ...identity } = event.data.identity;
      return { ...user, identities: [...user.identities, { id: identity_id, ...identity }] };
    }
    case 'IdentityRemoved':
      return {
        ...user,
        identities: user.identities.filter((i) => i.id !== event.data.identity_id),
      };
    case 'PrimaryIdentityChanged': {
      const promoted = user.identities.find((i) => i.id === event.data.identity_id);
      if (promoted === undefined) return user;
      return {
        ...user,
        identities: user.identities.map((i) =>
          i.type === promoted.type ? { ...i, primary: i.id === promoted.id } : i,
        ),
      };
    }
    case 'IdentityVerified':
      return {
        ...user,
        identities: user.identities.map((i) =>
          i.id === event.data.identity_id ? { ...i, verified: true } : i,
        ),
      };
    case 'OrganizationMembershipAdded':
      return {
        ...user,
        memberships: [
          ...user.memberships,
          {
            membershipId: event.data.membership_id,
            organizationId: event.data.organization_id,
            primaryContact: event.data.primary_contact,
          },
        ],
      };
    case 'OrganizationMembershipRemoved':
      return {
        ...user,
        memberships: user.memberships.filter((m) => m.membershipId !== event.data.membership_id),
      };
    case 'DefaultOrganizationChanged':
      return { ...user, defaultOrganizationId: event.data.organization_id };
    case 'UserMerged':
      return { ...user, status: 'merged', mergedIntoId: event.data.target_id };
    case 'MergedUserAbsorbed':
      return { ...user, absorbedSourceIds: [...user.absorbedSourceIds, event.data.source_id] };
    case 'UserMergeCompleted':
      return { ...user, mergeCompleted: true };
    case 'UserDeleted':
      return { ...user, status: 'deleted' };
    case 'PasswordResetRequested':
      return {
        ...user,
        passwordResets: {
          ...user.passwordResets,
          requested: [...user.passwordResets.requested, event.data.reset_id],
        },
      };
    case 'PasswordResetCompleted':
      return {
        ...user,
        passwordResets: {
          ...user.passwordResets,
          completed: [...user.passwordResets.completed, event.data.reset_id],
        },
      };
    default:
      return assertNever(event);
  }
};

export const evolve = (user: User, event: UserEvent): User => {
  if (event.type === 'UserCreated')
    return {
      exists: true,
      id: event.data.user_id,
      accountId: event.data.account_id,
      role: event.data.role,
      status: 'active',
      mergedIntoId: null,
      mergeCompleted: false,
      verified: event.data.verified,
      source: event.data.source,
      profile: fromEventProfile(event.data.profile),
      identities: [],
      memberships: [],
      defaultOrganizationId: null,
      absorbedSourceIds: [],
      passwordResets: { requested: [], completed: [] },
    };
  // events of a stream whose creation was never seen have nothing to change
  return user.exists ? evolveExisting(user, event) : user;
};
