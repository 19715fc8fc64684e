import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { SqlSession } from '@helpdesk/event-store';
import { selectRows, type ReadModelError } from '../read-model/query';
import { UserViewRecord, toUserView, userViewColumns, type UserView } from './view';

export interface SearchOptions {
  /** merged and deleted users are left out unless asked for (R3.5: they cannot be requesters) */
  readonly includeInactive?: boolean;
  /** at most 100 */
  readonly limit?: number;
}

const domainPattern = /^@?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

/** `@acme.com` or `acme.com` names an email domain; anything else is searched as a name. */
export const emailDomainIn = (query: string): string | null =>
  domainPattern.exec(query.trim().toLowerCase())?.[1] ?? null;

/** `%` and `_` in what was typed match themselves. */
const likePattern = (query: string): string =>
  `%${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * R1.4: one search box for finding a requester. It matches users whose name contains the text,
 * whose email is at the domain it names (`@acme.com` or `acme.com`), whose email is the address
 * it names, or who belong to an organization whose name contains it. Organization names are read
 * from the `organizations` read model. Best matches first: by name, then oldest.
 */
export const searchUsers = (
  session: SqlSession,
  accountId: string,
  query: string,
  options: SearchOptions = {},
): TE.TaskEither<ReadModelError, ReadonlyArray<UserView>> => {
  if (query.trim() === '') return TE.right([]);
  const limit = Math.min(100, Math.max(1, Math.floor(options.limit ?? 100)));
  return pipe(
    selectRows(UserViewRecord, 'users')(
      session,
      `SELECT ${userViewColumns} FROM users u
       WHERE u.account_id = $1
         AND ($5::boolean OR u.status = 'active')
         AND (
           lower(u.name) LIKE $2
           OR u.id IN (SELECT user_id FROM user_identities
                       WHERE account_id = $1 AND email_domain = $3)
           OR u.id IN (SELECT user_id FROM user_identities
                       WHERE account_id = $1 AND type = 'email' AND normalized_value = $4)
           OR u.id IN (SELECT m.user_id FROM organization_memberships m
                       JOIN organizations o ON o.id = m.organization_id
                       WHERE m.account_id = $1 AND NOT o.removed AND lower(o.name) LIKE $2))
       ORDER BY lower(u.name), u.created_position
       LIMIT $6`,
      [
        accountId,
        likePattern(query),
        emailDomainIn(query),
        query.trim().toLowerCase(),
        options.includeInactive === true,
        limit,
      ],
    ),
    TE.map((rows) => rows.map(toUserView)),
  );
};
