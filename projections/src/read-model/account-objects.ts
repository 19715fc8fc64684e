import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { afterPositionOf, pageOf, pageSizeOf, type Page, type PageRequest } from './page';
import { selectOne, selectRows, type ReadModelError } from './query';

/** What the tables of an account's configuration objects (templates, triggers, macros, ...) share. */
export interface AccountObjectsTable<C extends t.Mixed, View> {
  /** the table: one row per object with `id`, `account_id`, `removed`, `created_position` */
  readonly table: string;
  /** what the objects are called in error messages */
  readonly what: string;
  /** the selected columns, `created_position::text AS created_position` among them (decoded to a bigint) */
  readonly columns: string;
  readonly codec: C;
  readonly toView: (row: t.TypeOf<C>) => View;
}

/**
 * The two reads every such table answers: the account's objects not removed, in the order they
 * were created and paged by that order; and one object of the account (a removed one, or another
 * account's, is none).
 */
export const accountObjects = <C extends t.Mixed, View>(spec: AccountObjectsTable<C, View>) => ({
  list: (
    session: SqlSession,
    accountId: string,
    request: PageRequest = {},
  ): TE.TaskEither<ReadModelError, Page<View>> => {
    const size = pageSizeOf(request);
    return pipe(
      selectRows(spec.codec, spec.what)(
        session,
        `SELECT ${spec.columns} FROM ${spec.table}
         WHERE account_id = $1 AND NOT removed AND created_position > $2::bigint
         ORDER BY ${spec.table}.created_position LIMIT $3`,
        [accountId, afterPositionOf(request), size + 1],
      ),
      TE.map((rows) =>
        pageOf(rows, size, (r: t.TypeOf<C>) => r.created_position as bigint, spec.toView),
      ),
    );
  },
  find: (
    session: SqlSession,
    accountId: string,
    id: string,
  ): TE.TaskEither<ReadModelError, O.Option<View>> =>
    pipe(
      selectOne(spec.codec, spec.what)(
        session,
        `SELECT ${spec.columns} FROM ${spec.table} WHERE id = $1 AND account_id = $2 AND NOT removed`,
        [id, accountId],
      ),
      TE.map(O.map(spec.toView)),
    ),
});
