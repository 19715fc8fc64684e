import * as t from 'io-ts';
import { exact, strict } from './codecs';
import { defineEvent, type EventOf } from './define-event';
import { NonEmptyString, Role, UserFields, Uuid, nullable } from './primitives';

export const IdentityType = t.keyof(
  { email: null, phone_number: null, twitter: null },
  'IdentityType',
);
export type IdentityType = t.TypeOf<typeof IdentityType>;

/** An email address, a phone number or an X handle by which a user is known. */
export const Identity = strict(
  {
    identity_id: Uuid,
    type: IdentityType,
    value: NonEmptyString,
    verified: t.boolean,
    /** one primary identity per type at most */
    primary: t.boolean,
  },
  'Identity',
);
export type Identity = t.TypeOf<typeof Identity>;

/** How the user came to exist (R5.1); decides, among others, whether a welcome email goes out (R6.2). */
export const UserSource = t.keyof(
  { manual: null, import: null, email: null, portal: null, ticket: null, cc: null, account: null },
  'UserSource',
);
export type UserSource = t.TypeOf<typeof UserSource>;

/** The profile fields a merge keeps or drops (R3.8). */
export const UserProfile = strict(
  {
    name: NonEmptyString,
    /** the direct line; extra numbers are `phone_number` identities */
    phone: nullable(t.string),
    external_id: nullable(NonEmptyString),
    locale: nullable(t.string),
    time_zone: nullable(t.string),
    photo_url: nullable(t.string),
    details: nullable(t.string),
    notes: nullable(t.string),
    tags: t.array(t.string),
    user_fields: UserFields,
  },
  'UserProfile',
);
export type UserProfile = t.TypeOf<typeof UserProfile>;

export const UserCreated = defineEvent(
  'UserCreated',
  'user',
  'A user was added to the account (R5.1). Identities and memberships follow as their own events in the same append.',
  {
    user_id: Uuid,
    account_id: Uuid,
    role: Role,
    verified: t.boolean,
    source: UserSource,
    profile: UserProfile,
  },
);
export const UserProfileChanged = defineEvent(
  'UserProfileChanged',
  'user',
  'Some profile fields changed; `changes` holds only those, with their new values.',
  {
    user_id: Uuid,
    changes: exact(t.partial(UserProfile.type.props), 'UserProfileChanges'),
  },
);
export const UserRoleChanged = defineEvent('UserRoleChanged', 'user', "The user's role changed.", {
  user_id: Uuid,
  role: Role,
  previous_role: Role,
});
export const UserVerified = defineEvent(
  'UserVerified',
  'user',
  'The user proved they own one of their identities.',
  {
    user_id: Uuid,
  },
);
export const IdentityAdded = defineEvent(
  'IdentityAdded',
  'user',
  "An email, phone number or X handle was added to the user; a merge adds the source's here as secondary (R3.8).",
  {
    user_id: Uuid,
    identity: Identity,
  },
);
export const IdentityRemoved = defineEvent(
  'IdentityRemoved',
  'user',
  'An identity was removed from the user.',
  {
    user_id: Uuid,
    identity_id: Uuid,
  },
);
export const PrimaryIdentityChanged = defineEvent(
  'PrimaryIdentityChanged',
  'user',
  'Another identity of the same type became primary.',
  {
    user_id: Uuid,
    identity_id: Uuid,
    previous_identity_id: nullable(Uuid),
  },
);
export const IdentityVerified = defineEvent(
  'IdentityVerified',
  'user',
  'One identity was verified.',
  {
    user_id: Uuid,
    identity_id: Uuid,
  },
);
export const OrganizationMembershipAdded = defineEvent(
  'OrganizationMembershipAdded',
  'user',
  'The user joined an organization (R2.1).',
  {
    user_id: Uuid,
    membership_id: Uuid,
    organization_id: Uuid,
    /** R6.9: a primary contact sees all the organization\'s tickets in the portal */
    primary_contact: t.boolean,
  },
);
export const OrganizationMembershipRemoved = defineEvent(
  'OrganizationMembershipRemoved',
  'user',
  'The user left an organization; their tickets in it move afterwards (R2.8).',
  {
    user_id: Uuid,
    membership_id: Uuid,
    organization_id: Uuid,
  },
);
export const DefaultOrganizationChanged = defineEvent(
  'DefaultOrganizationChanged',
  'user',
  "The user's default organization changed (R2.1: a member always has exactly one); null when they belong to none.",
  {
    user_id: Uuid,
    organization_id: nullable(Uuid),
    previous_organization_id: nullable(Uuid),
  },
);
export const UserMerged = defineEvent(
  'UserMerged',
  'user',
  'The source user was merged into the target (R3): irreversible; the source can no longer sign in, request or be merged, and is queued for permanent deletion (R3.5).',
  {
    user_id: Uuid,
    account_id: Uuid,
    target_id: Uuid,
  },
);
export const MergedUserAbsorbed = defineEvent(
  'MergedUserAbsorbed',
  'user',
  "The target of a merge took the source's emails, phones and organizations (R3.8); the additions follow as their own events in the same append.",
  {
    user_id: Uuid,
    source_id: Uuid,
  },
);
export const UserMergeCompleted = defineEvent(
  'UserMergeCompleted',
  'user',
  "Every ticket of a merge's source was moved to its target (R3.6, R3.7, R3.9).",
  {
    user_id: Uuid,
    target_id: Uuid,
    tickets_rewritten: t.number,
    ccs_replaced: t.number,
  },
);
export const UserDeleted = defineEvent(
  'UserDeleted',
  'user',
  'The user was deleted; their email addresses are released.',
  {
    user_id: Uuid,
  },
);
/**
 * R6.7, R6.8: a portal password reset was started: a single-use, expiring link is on its way to
 * the user. The link's token, like any password, is kept hashed outside the event log; `reset_id`
 * names that credential, never its secret.
 */
export const PasswordResetRequested = defineEvent(
  'PasswordResetRequested',
  'user',
  'A portal password reset was started by the user or an agent (R6.7); the link is never in the event (R6.8).',
  {
    user_id: Uuid,
    reset_id: Uuid,
  },
);
export const PasswordResetCompleted = defineEvent(
  'PasswordResetCompleted',
  'user',
  "The user set a portal password through the reset's single-use link (R6.8); the password is not in the event.",
  {
    user_id: Uuid,
    reset_id: Uuid,
  },
);

export const userEvents = [
  UserCreated,
  UserProfileChanged,
  UserRoleChanged,
  UserVerified,
  IdentityAdded,
  IdentityRemoved,
  PrimaryIdentityChanged,
  IdentityVerified,
  OrganizationMembershipAdded,
  OrganizationMembershipRemoved,
  DefaultOrganizationChanged,
  UserMerged,
  MergedUserAbsorbed,
  UserMergeCompleted,
  UserDeleted,
  PasswordResetRequested,
  PasswordResetCompleted,
] as const;
export type UserEvent = EventOf<(typeof userEvents)[number]>;
