import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent, StoreError } from '../port';
import { eventCopyQuery, eventCopyReader, eventCopyRows } from './event-copy';
import { EventRow, HeadRow, decodeRows, eventColumns } from './rows';
import type { SchemaName } from './schema-name';
import type { SqlSession } from './sql-client';
import { failedTo } from './store-errors';

/** `LIMIT null` is `LIMIT ALL`; a negative count reads nothing, as in the memory store. */
const limitOf = (maxCount: number | undefined): number | null =>
  maxCount === undefined ? null : Math.max(0, Math.floor(maxCount));

const lastRevision = '9223372036854775807';

const selectEvents = (
  session: SqlSession,
  what: string,
  sql: string,
  params: unknown[],
): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
  pipe(
    TE.tryCatch(() => session.query(sql, params), failedTo(what)),
    TE.chainEitherK(({ rows }) => decodeRows(EventRow, rows)),
  );

export const readStream = (
  session: SqlSession,
  schema: SchemaName,
  streamName: string,
  options: ReadStreamOptions = {},
): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
  options.direction === 'backwards'
    ? selectEvents(
        session,
        `read ${streamName}`,
        `SELECT ${eventColumns} FROM ${schema}.events e
         WHERE e.stream_name = $1 AND e.revision <= $2::bigint
         ORDER BY e.revision DESC LIMIT $3`,
        [streamName, options.fromRevision?.toString() ?? lastRevision, limitOf(options.maxCount)],
      )
    : selectEvents(
        session,
        `read ${streamName}`,
        `SELECT ${eventColumns} FROM ${schema}.events e
         WHERE e.stream_name = $1 AND e.revision >= $2::bigint
         ORDER BY e.revision LIMIT $3`,
        [streamName, (options.fromRevision ?? 0n).toString(), limitOf(options.maxCount)],
      );

/**
 * The log after a position, as a binary COPY read without the driver's rows (`event-copy.ts`). The
 * reader is made when the task runs: a task run again reads again, from nothing.
 */
const copyEvents =
  (
    copyOut: NonNullable<SqlSession['copyOut']>,
    schema: SchemaName,
    after: bigint,
    limit: number | null,
  ): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
  async () => {
    const reader = eventCopyReader();
    const copied = await TE.tryCatch(
      () => copyOut(eventCopyQuery(schema, after, limit), reader.push),
      failedTo('read the log'),
    )();
    return E.isLeft(copied) ? copied : reader.result();
  };

/**
 * Pages of at least this many events are copied. Measured on the bench log (docs/performance.md,
 * "Session 10"): at 10,000 events a page the COPY cost this process a fifth less CPU than the
 * select, at 5,000 the same, at 2,000 and 500 the same or more.
 */
export const copiedPagesFrom = 5_000;

/**
 * One page of the log strictly after `after`. Positions are numbered in commit order (see
 * `append_events`), so a page never lacks an event that a later page could reveal below its end.
 * A large page (a rebuild's) is copied where the client can (a server, PGlite), unless filtered: a
 * filter's prefixes would have to be written into the statement as literals.
 */
const copies = (options: ReadAllOptions): boolean =>
  options.filter === undefined &&
  (options.maxCount === undefined || options.maxCount >= copiedPagesFrom);

export const readAll = (
  session: SqlSession,
  schema: SchemaName,
  options: ReadAllOptions = {},
): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
  session.copyOut !== undefined && copies(options)
    ? copyEvents(session.copyOut, schema, options.after ?? 0n, limitOf(options.maxCount))
    : selectEvents(
        session,
        'read the log',
        `SELECT ${eventColumns} FROM ${schema}.events e
     WHERE e.global_position > $1::bigint
       AND ($2::text[] IS NULL OR e.stream_name ^@ ANY ($2::text[]))
     ORDER BY e.global_position LIMIT $3`,
        [
          (options.after ?? 0n).toString(),
          options.filter === undefined ? null : [...options.filter.streamPrefixes],
          limitOf(options.maxCount),
        ],
      );

/**
 * `readAll`, handing each event to `each` as it is read, none kept: a large unfiltered page is
 * copied and each row goes to `each` as it arrives, so a reader that folds the events as they come
 * (a rebuild) holds no page of them. Otherwise the page is read, then handed over. Resolves to the
 * number of events read; those handed over before a failure stand, in order, with none missing
 * before them. `each` must not throw.
 */
export const readAllEach = (
  session: SqlSession,
  schema: SchemaName,
  options: ReadAllOptions,
  each: (event: RecordedEvent) => void,
): TE.TaskEither<StoreError, number> => {
  const copyOut = session.copyOut;
  if (copyOut === undefined || !copies(options))
    return pipe(
      readAll(session, schema, options),
      TE.map((events) => {
        for (const event of events) each(event);
        return events.length;
      }),
    );
  return async () => {
    const rows = eventCopyRows(each);
    const copied = await TE.tryCatch(
      () =>
        copyOut(eventCopyQuery(schema, options.after ?? 0n, limitOf(options.maxCount)), rows.push),
      failedTo('read the log'),
    )();
    return E.isLeft(copied) ? copied : rows.result();
  };
};

export const headPosition = (
  session: SqlSession,
  schema: SchemaName,
): TE.TaskEither<StoreError, bigint | undefined> =>
  pipe(
    TE.tryCatch(
      () => session.query(`SELECT max(global_position)::text AS head FROM ${schema}.events`),
      failedTo('read the head of the log'),
    ),
    TE.chainEitherK(({ rows }) => decodeRows(HeadRow, rows)),
    TE.chainEitherK((rows) =>
      rows[0] === undefined
        ? E.left(failedTo('read the head of the log')('no row came back'))
        : E.right(rows[0].head ?? undefined),
    ),
  );
