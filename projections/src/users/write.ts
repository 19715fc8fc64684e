import { column, insertRows, type Statement } from '../read-model/multi-row';
import {
  emailDomainOf,
  normalizedValueOf,
  type IdentityRow,
  type MembershipRow,
  type UserRow,
} from './user-doc';

const userColumns = [
  column<UserRow>('id', 'uuid', (u) => u.id),
  column<UserRow>('account_id', 'uuid', (u) => u.accountId),
  column<UserRow>('role', 'text', (u) => u.role),
  column<UserRow>('status', 'text', (u) => u.status),
  column<UserRow>('merged_into_id', 'uuid', (u) => u.mergedIntoId),
  column<UserRow>('merge_completed', 'boolean', (u) => u.mergeCompleted),
  column<UserRow>('verified', 'boolean', (u) => u.verified),
  column<UserRow>('source', 'text', (u) => u.source),
  column<UserRow>('name', 'text', (u) => u.name),
  column<UserRow>('email', 'text', (u) => u.email),
  column<UserRow>('phone', 'text', (u) => u.phone),
  column<UserRow>('external_id', 'text', (u) => u.externalId),
  column<UserRow>('locale', 'text', (u) => u.locale),
  column<UserRow>('time_zone', 'text', (u) => u.timeZone),
  column<UserRow>('photo_url', 'text', (u) => u.photoUrl),
  column<UserRow>('details', 'text', (u) => u.details),
  column<UserRow>('notes', 'text', (u) => u.notes),
  // a list per row cannot travel in an array of arrays: it travels as JSON
  column<UserRow>('tags', 'jsonb', (u) => u.tags, 'ARRAY(SELECT jsonb_array_elements_text(tags))'),
  column<UserRow>('user_fields', 'jsonb', (u) => u.userFields),
  column<UserRow>('default_organization_id', 'uuid', (u) => u.defaultOrganizationId),
  column<UserRow>('version', 'bigint', (u) => u.version.toString()),
  column<UserRow>('created_position', 'bigint', (u) => u.createdPosition.toString()),
  column<UserRow>('created_at', 'timestamptz', (u) => u.createdAt),
  column<UserRow>('updated_at', 'timestamptz', (u) => u.updatedAt),
];

const fixed = new Set(['id', 'account_id', 'created_position', 'created_at']);

/** Users created or changed by the batch, in their final state. */
export const upsertUsers = (rows: ReadonlyArray<UserRow>): Statement =>
  insertRows(
    'users',
    userColumns,
    rows,
    `ON CONFLICT (id) DO UPDATE SET ${userColumns
      .filter((c) => !fixed.has(c.name))
      .map((c) => `${c.name} = EXCLUDED.${c.name}`)
      .join(', ')}`,
  );

const identityColumns = [
  column<IdentityRow>('id', 'uuid', (i) => i.id),
  column<IdentityRow>('user_id', 'uuid', (i) => i.userId),
  column<IdentityRow>('account_id', 'uuid', (i) => i.accountId),
  column<IdentityRow>('type', 'text', (i) => i.type),
  column<IdentityRow>('value', 'text', (i) => i.value),
  column<IdentityRow>('normalized_value', 'text', (i) => normalizedValueOf(i.type, i.value)),
  column<IdentityRow>('email_domain', 'text', (i) => emailDomainOf(i.type, i.value)),
  column<IdentityRow>('verified', 'boolean', (i) => i.verified),
  column<IdentityRow>('is_primary', 'boolean', (i) => i.isPrimary),
  column<IdentityRow>('position', 'bigint', (i) => i.position.toString()),
];

const membershipColumns = [
  column<MembershipRow>('id', 'uuid', (m) => m.id),
  column<MembershipRow>('user_id', 'uuid', (m) => m.userId),
  column<MembershipRow>('organization_id', 'uuid', (m) => m.organizationId),
  column<MembershipRow>('account_id', 'uuid', (m) => m.accountId),
  column<MembershipRow>('primary_contact', 'boolean', (m) => m.primaryContact),
  column<MembershipRow>('position', 'bigint', (m) => m.position.toString()),
  column<MembershipRow>('created_at', 'timestamptz', (m) => m.createdAt),
];

/** The child rows of some users are replaced as a whole: delete theirs, insert the new set. */
export const deleteIdentitiesOf = (userIds: ReadonlyArray<string>): Statement => ({
  text: 'DELETE FROM user_identities WHERE user_id = ANY($1::uuid[])',
  params: [userIds],
});

export const insertIdentities = (rows: ReadonlyArray<IdentityRow>): Statement =>
  insertRows('user_identities', identityColumns, rows);

export const deleteMembershipsOf = (userIds: ReadonlyArray<string>): Statement => ({
  text: 'DELETE FROM organization_memberships WHERE user_id = ANY($1::uuid[])',
  params: [userIds],
});

export const insertMemberships = (rows: ReadonlyArray<MembershipRow>): Statement =>
  insertRows('organization_memberships', membershipColumns, rows);
