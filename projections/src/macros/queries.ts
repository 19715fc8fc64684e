import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { MacroAction } from '@helpdesk/events';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, IsoTimestamp } from '../read-model/row-codecs';

const MacroRecord = t.type({
  id: t.string,
  account_id: t.string,
  title: t.string,
  body: t.string,
  actions: t.array(MacroAction),
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type MacroRecord = t.TypeOf<typeof MacroRecord>;

/** A macro as `GET /api/v2/macros` serves it: the reply with its snippets unfilled (R6.6). */
export interface MacroView {
  readonly id: string;
  readonly accountId: string;
  readonly title: string;
  readonly body: string;
  readonly actions: ReadonlyArray<MacroAction>;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: MacroRecord): MacroView => ({
  id: r.id,
  accountId: r.account_id,
  title: r.title,
  body: r.body,
  actions: r.actions,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, title, body, actions, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

/** The account's macros not removed, oldest first. */
export const listMacros = (
  session: SqlSession,
  accountId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<MacroView>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectRows(MacroRecord, 'macros')(
      session,
      `SELECT ${columns} FROM macros
       WHERE account_id = $1 AND NOT removed AND created_position > $2::bigint
       ORDER BY created_position LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.created_position, toView)),
  );
};

/** One macro of the account; a removed one, or another account's, is none. */
export const findMacro = (
  session: SqlSession,
  accountId: string,
  macroId: string,
): TE.TaskEither<ReadModelError, O.Option<MacroView>> =>
  pipe(
    selectOne(MacroRecord, 'macros')(
      session,
      `SELECT ${columns} FROM macros WHERE id = $1 AND account_id = $2 AND NOT removed`,
      [macroId, accountId],
    ),
    TE.map(O.map(toView)),
  );
