import type { SqlSession } from '@helpdesk/event-store';
import {
  IdentityRecord,
  MembershipRecord,
  UserRecord,
  decodeOrThrow,
  identityColumns,
  membershipColumns,
  toIdentityRow,
  toMembershipRow,
  toUserRow,
  userColumns,
} from './rows';
import type { IdentityRow, MembershipRow, UserDoc } from './user-doc';

/** Which parts of an existing user a batch changes, so that only those are read. */
export interface UserNeeds {
  readonly identities: boolean;
  readonly memberships: boolean;
}

const groupByUser = <Row extends { readonly userId: string }>(rows: ReadonlyArray<Row>) => {
  const byUser = new Map<string, Row[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  return byUser;
};

const idsNeeding = (needs: ReadonlyMap<string, UserNeeds>, part: keyof UserNeeds): string[] =>
  [...needs].filter(([, need]) => need[part]).map(([id]) => id);

/**
 * Reads the users a batch changes that were created before it: at most three selects, whatever
 * the batch's size. A user absent from the table is absent from the result.
 */
export const loadUsers = async (
  session: SqlSession,
  needs: ReadonlyMap<string, UserNeeds>,
): Promise<Map<string, UserDoc>> => {
  const docs = new Map<string, UserDoc>();
  if (needs.size === 0) return docs;
  const users = await session.query(`SELECT ${userColumns} FROM users WHERE id = ANY($1::uuid[])`, [
    [...needs.keys()],
  ]);
  const withIdentities = idsNeeding(needs, 'identities');
  const identities: ReadonlyMap<string, IdentityRow[]> =
    withIdentities.length === 0
      ? new Map()
      : groupByUser(
          decodeOrThrow(
            IdentityRecord,
            (
              await session.query(
                `SELECT ${identityColumns} FROM user_identities
                 WHERE user_id = ANY($1::uuid[]) ORDER BY position`,
                [withIdentities],
              )
            ).rows,
            'identity',
          ).map(toIdentityRow),
        );
  const withMemberships = idsNeeding(needs, 'memberships');
  const memberships: ReadonlyMap<string, MembershipRow[]> =
    withMemberships.length === 0
      ? new Map()
      : groupByUser(
          decodeOrThrow(
            MembershipRecord,
            (
              await session.query(
                `SELECT ${membershipColumns} FROM organization_memberships
                 WHERE user_id = ANY($1::uuid[]) ORDER BY position`,
                [withMemberships],
              )
            ).rows,
            'membership',
          ).map(toMembershipRow),
        );
  for (const record of decodeOrThrow(UserRecord, users.rows, 'user')) {
    const need = needs.get(record.id);
    docs.set(record.id, {
      row: toUserRow(record),
      identities: need?.identities ? (identities.get(record.id) ?? []) : undefined,
      memberships: need?.memberships ? (memberships.get(record.id) ?? []) : undefined,
    });
  }
  return docs;
};
