import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { SqlSession } from '@helpdesk/event-store';
import type { ReadModelError } from '@helpdesk/projections';

/**
 * Whose membership an id is (`DELETE /organization_memberships/{id}` names only the membership),
 * read from the users read model's `organization_memberships` table, which has no such query.
 */
export const membershipHolder = (
  session: SqlSession,
  accountId: string,
  membershipId: string,
): TE.TaskEither<ReadModelError, O.Option<string>> =>
  pipe(
    TE.tryCatch(
      () =>
        session.query<{ user_id: unknown }>(
          `SELECT user_id::text AS user_id FROM organization_memberships
           WHERE id = $1 AND account_id = $2`,
          [membershipId, accountId],
        ),
      (cause): ReadModelError => ({
        kind: 'ReadModelUnavailable',
        message: `could not read memberships: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
    ),
    TE.map(({ rows }) => {
      const holder = rows[0]?.user_id;
      return typeof holder === 'string' ? O.some(holder) : O.none;
    }),
  );
