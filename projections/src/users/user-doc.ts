import {
  normalizeEmail,
  type IdentityType,
  type Role,
  type UserEvent,
  type UserFields,
  type UserProfile,
  type UserSource,
} from '@helpdesk/events';
import { assertNever, type ProjectedOf } from '../read-model/events';

export type UserStatus = 'active' | 'merged' | 'deleted';

export interface UserRow {
  readonly id: string;
  readonly accountId: string;
  readonly role: Role;
  readonly status: UserStatus;
  readonly mergedIntoId: string | null;
  readonly mergeCompleted: boolean;
  readonly verified: boolean;
  readonly source: UserSource;
  readonly name: string;
  /** the primary email identity's address */
  readonly email: string | null;
  readonly phone: string | null;
  readonly externalId: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly photoUrl: string | null;
  readonly details: string | null;
  readonly notes: string | null;
  readonly tags: ReadonlyArray<string>;
  readonly userFields: UserFields;
  readonly defaultOrganizationId: string | null;
  readonly version: bigint;
  readonly createdPosition: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface IdentityRow {
  readonly id: string;
  readonly userId: string;
  readonly accountId: string;
  readonly type: IdentityType;
  readonly value: string;
  readonly verified: boolean;
  readonly isPrimary: boolean;
  readonly position: bigint;
}

export interface MembershipRow {
  readonly id: string;
  readonly userId: string;
  readonly organizationId: string;
  readonly accountId: string;
  readonly primaryContact: boolean;
  readonly position: bigint;
  readonly createdAt: string;
}

/**
 * A user being folded in memory. `identities` and `memberships` are undefined when the batch did
 * not load them (it has no event about them): their rows then stay as they are.
 */
export interface UserDoc {
  readonly row: UserRow;
  readonly identities: ReadonlyArray<IdentityRow> | undefined;
  readonly memberships: ReadonlyArray<MembershipRow> | undefined;
}

type User = ProjectedOf<UserEvent>;

/** What a search compares: emails case-insensitively (R5.2), X handles without `@`. */
export const normalizedValueOf = (type: IdentityType, value: string): string => {
  switch (type) {
    case 'email':
      return normalizeEmail(value);
    case 'phone_number':
      return value.replace(/[^0-9+]/g, '');
    case 'twitter':
      return value.trim().replace(/^@/, '').toLowerCase();
    default:
      return assertNever(type);
  }
};

export const emailDomainOf = (type: IdentityType, value: string): string | null =>
  type === 'email' ? (normalizeEmail(value).split('@')[1] ?? null) : null;

const profileFields = (profile: Partial<UserProfile>): Partial<UserRow> => ({
  ...(profile.name !== undefined && { name: profile.name }),
  ...(profile.phone !== undefined && { phone: profile.phone }),
  ...(profile.external_id !== undefined && { externalId: profile.external_id }),
  ...(profile.locale !== undefined && { locale: profile.locale }),
  ...(profile.time_zone !== undefined && { timeZone: profile.time_zone }),
  ...(profile.photo_url !== undefined && { photoUrl: profile.photo_url }),
  ...(profile.details !== undefined && { details: profile.details }),
  ...(profile.notes !== undefined && { notes: profile.notes }),
  ...(profile.tags !== undefined && { tags: profile.tags }),
  ...(profile.user_fields !== undefined && { userFields: profile.user_fields }),
});

/** A user created by this event, or undefined when it is not a creation. */
export const createdUser = (projected: User): UserDoc | undefined => {
  const { event, metadata } = projected;
  if (event.type !== 'UserCreated') return undefined;
  const { data } = event;
  return {
    row: {
      id: data.user_id,
      accountId: data.account_id,
      role: data.role,
      status: 'active',
      mergedIntoId: null,
      mergeCompleted: false,
      verified: data.verified,
      source: data.source,
      name: data.profile.name,
      email: null,
      phone: data.profile.phone,
      externalId: data.profile.external_id,
      locale: data.profile.locale,
      timeZone: data.profile.time_zone,
      photoUrl: data.profile.photo_url,
      details: data.profile.details,
      notes: data.profile.notes,
      tags: data.profile.tags,
      userFields: data.profile.user_fields,
      defaultOrganizationId: null,
      version: projected.revision,
      createdPosition: projected.globalPosition,
      createdAt: metadata.occurred_at,
      updatedAt: metadata.occurred_at,
    },
    identities: [],
    memberships: [],
  };
};

const withRow = (doc: UserDoc, changes: Partial<UserRow>): UserDoc => ({
  ...doc,
  row: { ...doc.row, ...changes },
});

const withIdentities = (
  doc: UserDoc,
  change: (identities: ReadonlyArray<IdentityRow>) => ReadonlyArray<IdentityRow>,
): UserDoc => ({ ...doc, identities: change(doc.identities ?? []) });

const withMemberships = (
  doc: UserDoc,
  change: (memberships: ReadonlyArray<MembershipRow>) => ReadonlyArray<MembershipRow>,
): UserDoc => ({ ...doc, memberships: change(doc.memberships ?? []) });

const evolveDoc = (doc: UserDoc, projected: User): UserDoc => {
  const { event } = projected;
  switch (event.type) {
    // R6.8: password resets change nothing the user read model shows
    case 'UserCreated':
    case 'MergedUserAbsorbed':
    case 'PasswordResetRequested':
    case 'PasswordResetCompleted':
      return doc;
    case 'UserProfileChanged':
      return withRow(doc, profileFields(event.data.changes));
    case 'UserRoleChanged':
      return withRow(doc, { role: event.data.role });
    case 'UserVerified':
      return withRow(doc, { verified: true });
    case 'IdentityAdded': {
      const { identity } = event.data;
      return withIdentities(doc, (all) =>
        all.some((i) => i.id === identity.identity_id)
          ? all
          : [
              ...all,
              {
                id: identity.identity_id,
                userId: doc.row.id,
                accountId: doc.row.accountId,
                type: identity.type,
                value: identity.value,
                verified: identity.verified,
                isPrimary: identity.primary,
                position: projected.globalPosition,
              },
            ],
      );
    }
    case 'IdentityRemoved':
      return withIdentities(doc, (all) => all.filter((i) => i.id !== event.data.identity_id));
    case 'PrimaryIdentityChanged':
      return withIdentities(doc, (all) => {
        const promoted = all.find((i) => i.id === event.data.identity_id);
        if (promoted === undefined) return all;
        return all.map((i) =>
          i.type === promoted.type ? { ...i, isPrimary: i.id === promoted.id } : i,
        );
      });
    case 'IdentityVerified':
      return withIdentities(doc, (all) =>
        all.map((i) => (i.id === event.data.identity_id ? { ...i, verified: true } : i)),
      );
    case 'OrganizationMembershipAdded':
      return withMemberships(doc, (all) =>
        all.some((m) => m.id === event.data.membership_id)
          ? all
          : [
              ...all,
              {
                id: event.data.membership_id,
                userId: doc.row.id,
                organizationId: event.data.organization_id,
                accountId: doc.row.accountId,
                primaryContact: event.data.primary_contact,
                position: projected.globalPosition,
                createdAt: projected.metadata.occurred_at,
              },
            ],
      );
    case 'OrganizationMembershipRemoved':
      return withMemberships(doc, (all) => all.filter((m) => m.id !== event.data.membership_id));
    case 'DefaultOrganizationChanged':
      return withRow(doc, { defaultOrganizationId: event.data.organization_id });
    case 'UserMerged':
      return withRow(doc, { status: 'merged', mergedIntoId: event.data.target_id });
    case 'UserMergeCompleted':
      return withRow(doc, { mergeCompleted: true });
    case 'UserDeleted':
      return withRow(doc, { status: 'deleted' });
    default:
      return assertNever(event);
  }
};

/** The primary email, else the first email, once the identities are known. */
const primaryEmailOf = (doc: UserDoc): string | null => {
  if (doc.identities === undefined) return doc.row.email;
  const emails = doc.identities.filter((i) => i.type === 'email');
  return (emails.find((i) => i.isPrimary) ?? emails[0])?.value ?? null;
};

export const evolveUser = (doc: UserDoc, projected: User): UserDoc => {
  const next = evolveDoc(doc, projected);
  return withRow(next, {
    email: primaryEmailOf(next),
    version: projected.revision,
    updatedAt: projected.metadata.occurred_at,
  });
};
