import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { IdentityType, Role, UserFields, UserSource } from '@helpdesk/events';
import { BigIntFromText, IsoTimestamp, nullable, oneOf } from '../read-model/row-codecs';
import type { IdentityRow, MembershipRow, UserRow, UserStatus } from './user-doc';

/** The rows of the users tables as selected by `userColumns`, `identityColumns`, `membershipColumns`. */

export const UserStatusCodec = oneOf<UserStatus>(['active', 'merged', 'deleted'], 'UserStatus');

export const UserRecord = t.type({
  id: t.string,
  account_id: t.string,
  role: Role,
  status: UserStatusCodec,
  merged_into_id: nullable(t.string),
  merge_completed: t.boolean,
  verified: t.boolean,
  source: UserSource,
  name: t.string,
  email: nullable(t.string),
  phone: nullable(t.string),
  external_id: nullable(t.string),
  locale: nullable(t.string),
  time_zone: nullable(t.string),
  photo_url: nullable(t.string),
  details: nullable(t.string),
  notes: nullable(t.string),
  tags: t.array(t.string),
  user_fields: UserFields,
  default_organization_id: nullable(t.string),
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
export type UserRecord = t.TypeOf<typeof UserRecord>;

export const userColumns = `id, account_id, role, status, merged_into_id, merge_completed, verified,
  source, name, email, phone, external_id, locale, time_zone, photo_url, details, notes, tags,
  user_fields, default_organization_id, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

export const toUserRow = (r: UserRecord): UserRow => ({
  id: r.id,
  accountId: r.account_id,
  role: r.role,
  status: r.status,
  mergedIntoId: r.merged_into_id,
  mergeCompleted: r.merge_completed,
  verified: r.verified,
  source: r.source,
  name: r.name,
  email: r.email,
  phone: r.phone,
  externalId: r.external_id,
  locale: r.locale,
  timeZone: r.time_zone,
  photoUrl: r.photo_url,
  details: r.details,
  notes: r.notes,
  tags: r.tags,
  userFields: r.user_fields,
  defaultOrganizationId: r.default_organization_id,
  version: r.version,
  createdPosition: r.created_position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const IdentityRecord = t.type({
  id: t.string,
  user_id: t.string,
  account_id: t.string,
  type: IdentityType,
  value: t.string,
  verified: t.boolean,
  is_primary: t.boolean,
  position: BigIntFromText,
});

export const identityColumns = `id, user_id, account_id, type, value, verified, is_primary,
  position::text AS position`;

export const toIdentityRow = (r: t.TypeOf<typeof IdentityRecord>): IdentityRow => ({
  id: r.id,
  userId: r.user_id,
  accountId: r.account_id,
  type: r.type,
  value: r.value,
  verified: r.verified,
  isPrimary: r.is_primary,
  position: r.position,
});

export const MembershipRecord = t.type({
  id: t.string,
  user_id: t.string,
  organization_id: t.string,
  account_id: t.string,
  primary_contact: t.boolean,
  position: BigIntFromText,
  created_at: IsoTimestamp,
});

export const membershipColumns = `id, user_id, organization_id, account_id, primary_contact,
  position::text AS position, created_at`;

export const toMembershipRow = (r: t.TypeOf<typeof MembershipRecord>): MembershipRow => ({
  id: r.id,
  userId: r.user_id,
  organizationId: r.organization_id,
  accountId: r.account_id,
  primaryContact: r.primary_contact,
  position: r.position,
  createdAt: r.created_at,
});

/** Rows the projection reads back from its own tables; one that does not fit is a bug: it throws. */
export const decodeOrThrow = <C extends t.Mixed>(
  codec: C,
  rows: ReadonlyArray<unknown>,
  what: string,
): ReadonlyArray<t.TypeOf<C>> => {
  const decoded = t.array(codec).decode(rows);
  if (E.isLeft(decoded)) throw new Error(`users projection: unexpected ${what} rows`);
  return decoded.right;
};
