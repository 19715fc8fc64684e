import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { normalizeEmail, type Role } from '@helpdesk/events';
import type { SqlSession } from '@helpdesk/event-store';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { MembershipRecord, membershipColumns } from './rows';
import {
  UserViewRecord,
  toUserView,
  userViewColumns,
  type MembershipView,
  type UserView,
} from './view';

const selectUsers = selectRows(UserViewRecord, 'users');

export const findUser = (
  session: SqlSession,
  accountId: string,
  userId: string,
): TE.TaskEither<ReadModelError, O.Option<UserView>> =>
  pipe(
    selectOne(UserViewRecord, 'users')(
      session,
      `SELECT ${userViewColumns} FROM users u WHERE u.id = $1 AND u.account_id = $2`,
      [userId, accountId],
    ),
    TE.map(O.map(toUserView)),
  );

/**
 * The user an email address identifies (R5.2: compared case-insensitively). A merged source keeps
 * its identities in its history, so the active holder is preferred.
 */
export const findUserByEmail = (
  session: SqlSession,
  accountId: string,
  email: string,
): TE.TaskEither<ReadModelError, O.Option<UserView>> =>
  pipe(
    selectOne(UserViewRecord, 'users')(
      session,
      `SELECT ${userViewColumns} FROM users u
       WHERE u.account_id = $1 AND u.id IN (
         SELECT user_id FROM user_identities
         WHERE account_id = $1 AND type = 'email' AND normalized_value = $2)
       ORDER BY (u.status = 'active') DESC, u.created_position LIMIT 1`,
      [accountId, normalizeEmail(email)],
    ),
    TE.map(O.map(toUserView)),
  );

/** `GET /api/v2/users`, optionally of one role, oldest first. */
export const listUsers = (
  session: SqlSession,
  accountId: string,
  filter: { readonly role?: Role } = {},
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<UserView>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectUsers(
      session,
      `SELECT ${userViewColumns} FROM users u
       WHERE u.account_id = $1 AND u.created_position > $2::bigint
         AND ($4::text IS NULL OR u.role = $4)
       ORDER BY u.created_position LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1, filter.role ?? null],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.created_position, toUserView)),
  );
};

/** The account's admins: active users whose role is admin (the owner is one of them, R4.1). */
export const listAdmins = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<UserView>> =>
  pipe(
    selectUsers(
      session,
      `SELECT ${userViewColumns} FROM users u
       WHERE u.account_id = $1 AND u.role = 'admin' AND u.status = 'active'
       ORDER BY u.created_position`,
      [accountId],
    ),
    TE.map((rows) => rows.map(toUserView)),
  );

const MembershipWithDefault = t.intersection([MembershipRecord, t.type({ is_default: t.boolean })]);

/** `GET /api/v2/users/{id}/organization_memberships`, in the order they were added. */
export const membershipsOf = (
  session: SqlSession,
  accountId: string,
  userId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<MembershipView>> =>
  pipe(
    selectRows(MembershipWithDefault, 'memberships')(
      session,
      `SELECT ${membershipColumns
        .split(',')
        .map((c) => `m.${c.trim()}`)
        .join(', ')},
         (m.organization_id IS NOT DISTINCT FROM u.default_organization_id) AS is_default
       FROM organization_memberships m JOIN users u ON u.id = m.user_id
       WHERE m.user_id = $1 AND m.account_id = $2 ORDER BY m.position`,
      [userId, accountId],
    ),
    TE.map((rows) =>
      rows.map((m) => ({
        id: m.id,
        userId: m.user_id,
        organizationId: m.organization_id,
        isDefault: m.is_default,
        primaryContact: m.primary_contact,
        createdAt: m.created_at,
      })),
    ),
  );

const Id = t.type({ user_id: t.string });

/** R2.9: the members of an organization, whose tickets move when it is removed. */
export const memberIdsOf = (
  session: SqlSession,
  accountId: string,
  organizationId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  pipe(
    selectRows(Id, 'members')(
      session,
      `SELECT user_id FROM organization_memberships
       WHERE organization_id = $1 AND account_id = $2 ORDER BY position`,
      [organizationId, accountId],
    ),
    TE.map((rows) => rows.map((r) => r.user_id)),
  );
