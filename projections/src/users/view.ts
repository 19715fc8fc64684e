import * as t from 'io-ts';
import { IdentityType, type Role, type UserFields, type UserSource } from '@helpdesk/events';
import { IsoTimestamp } from '../read-model/row-codecs';
import { UserRecord, toUserRow, userColumns } from './rows';
import type { UserStatus } from './user-doc';

export interface IdentityView {
  readonly id: string;
  readonly type: IdentityType;
  readonly value: string;
  readonly verified: boolean;
  readonly primary: boolean;
}

export interface MembershipView {
  readonly id: string;
  readonly userId: string;
  readonly organizationId: string;
  /** R2.1: a member of one or more organizations has exactly one default */
  readonly isDefault: boolean;
  /** R6.9: sees every ticket of the organization in the portal */
  readonly primaryContact: boolean;
  readonly createdAt: string;
}

/** A user as the `users` read model serves it, with identities and memberships. */
export interface UserView {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  /** the primary email */
  readonly email: string | null;
  readonly role: Role;
  /** R3.5: `merged` once merged into `mergedIntoId` */
  readonly status: UserStatus;
  readonly mergedIntoId: string | null;
  readonly verified: boolean;
  readonly source: UserSource;
  readonly phone: string | null;
  readonly externalId: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly photoUrl: string | null;
  readonly details: string | null;
  readonly notes: string | null;
  readonly tags: ReadonlyArray<string>;
  readonly userFields: UserFields;
  /** the default organization, or null for a user with none */
  readonly organizationId: string | null;
  readonly organizationIds: ReadonlyArray<string>;
  readonly identities: ReadonlyArray<IdentityView>;
  readonly memberships: ReadonlyArray<MembershipView>;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const IdentityJson = t.type({
  id: t.string,
  type: IdentityType,
  value: t.string,
  verified: t.boolean,
  primary: t.boolean,
});

const MembershipJson = t.type({
  id: t.string,
  organization_id: t.string,
  primary_contact: t.boolean,
  created_at: IsoTimestamp,
});

export const UserViewRecord = t.intersection([
  UserRecord,
  t.type({ identities: t.array(IdentityJson), memberships: t.array(MembershipJson) }),
]);
type UserViewRecord = t.TypeOf<typeof UserViewRecord>;

/** A user's columns with its identities and memberships as JSON lists (`u` is `users`). */
export const userViewColumns = `${userColumns
  .split(',')
  .map((c) => `u.${c.trim()}`)
  .join(', ')},
  coalesce((SELECT json_agg(json_build_object('id', i.id, 'type', i.type, 'value', i.value,
      'verified', i.verified, 'primary', i.is_primary) ORDER BY i.position)
    FROM user_identities i WHERE i.user_id = u.id), '[]') AS identities,
  coalesce((SELECT json_agg(json_build_object('id', m.id, 'organization_id', m.organization_id,
      'primary_contact', m.primary_contact, 'created_at', m.created_at) ORDER BY m.position)
    FROM organization_memberships m WHERE m.user_id = u.id), '[]') AS memberships`;

export const toUserView = (r: UserViewRecord): UserView => {
  const row = toUserRow(r);
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    mergedIntoId: row.mergedIntoId,
    verified: row.verified,
    source: row.source,
    phone: row.phone,
    externalId: row.externalId,
    locale: row.locale,
    timeZone: row.timeZone,
    photoUrl: row.photoUrl,
    details: row.details,
    notes: row.notes,
    tags: row.tags,
    userFields: row.userFields,
    organizationId: row.defaultOrganizationId,
    organizationIds: r.memberships.map((m) => m.organization_id),
    identities: r.identities,
    memberships: r.memberships.map((m) => ({
      id: m.id,
      userId: row.id,
      organizationId: m.organization_id,
      isDefault: m.organization_id === row.defaultOrganizationId,
      primaryContact: m.primary_contact,
      createdAt: m.created_at,
    })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
};

/** R4.7: team listings show the owner's role as "admin (owner)". */
export const roleLabel = (user: Pick<UserView, 'id' | 'role'>, ownerId: string): string =>
  user.id === ownerId ? `${user.role} (owner)` : user.role;
