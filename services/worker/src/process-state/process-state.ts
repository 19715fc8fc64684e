import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { Channel } from '@helpdesk/events';
import type {
  AppError,
  KnownMerge,
  MergeRegistry,
  ProcessCheckpoints,
} from '@helpdesk/application';
import type { SqlClient, SqlSession } from '@helpdesk/event-store';

/**
 * What the process managers keep between runs, beside the read models: where each one stands in
 * the log, and the merges the merge process has taken on. Not a read model: a rebuild leaves it.
 */
export const installProcessState = (client: SqlClient, schema: string): Promise<void> => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`process schema "${schema}" must be a lower-case identifier`);
  return client.transaction(async (session) => {
    // the worker and a second starter queue here instead of racing on CREATE
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `helpdesk.process_state.install.${schema}`,
    ]);
    await session.exec(`
      CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.process_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${schema}.merges_taken_on (
        source_id uuid PRIMARY KEY,
        merge_id uuid NOT NULL,
        account_id uuid NOT NULL,
        target_id uuid NOT NULL,
        correlation_id text NOT NULL,
        channel text NOT NULL,
        position bigint NOT NULL
      );`);
  });
};

const unavailable =
  (what: string) =>
  (cause: unknown): AppError => ({
    kind: 'StoreUnavailable',
    message: `could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  });

const decodeRows =
  <C extends t.Mixed>(codec: C, what: string) =>
  (rows: unknown[]): E.Either<AppError, ReadonlyArray<t.TypeOf<C>>> =>
    pipe(
      t.array(codec).decode(rows),
      E.mapLeft((): AppError => ({ kind: 'StoreUnavailable', message: `unexpected ${what} rows` })),
    );

const query = <C extends t.Mixed>(
  session: SqlSession,
  codec: C,
  what: string,
  text: string,
  params: unknown[],
): TE.TaskEither<AppError, ReadonlyArray<t.TypeOf<C>>> =>
  pipe(
    TE.tryCatch(() => session.query<unknown>(text, params), unavailable(`read ${what}`)),
    TE.chainEitherK(({ rows }) => decodeRows(codec, what)(rows)),
  );

const PositionRow = t.type({ position: t.string });

export const sqlCheckpoints = (session: SqlSession, schema: string): ProcessCheckpoints => ({
  read: (name) =>
    pipe(
      query(
        session,
        PositionRow,
        'process checkpoints',
        `SELECT position::text AS position FROM ${schema}.process_checkpoints WHERE name = $1`,
        [name],
      ),
      TE.map((rows) => (rows[0] === undefined ? undefined : BigInt(rows[0].position))),
    ),
  write: (name, position) =>
    pipe(
      TE.tryCatch(
        () =>
          session.query(
            `INSERT INTO ${schema}.process_checkpoints (name, position, updated_at)
             VALUES ($1, $2::bigint, now())
             ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
             WHERE ${schema}.process_checkpoints.position < excluded.position`,
            [name, position.toString()],
          ),
        unavailable('write a process checkpoint'),
      ),
      TE.map(() => undefined),
    ),
});

const MergeRow = t.type({
  source_id: t.string,
  merge_id: t.string,
  account_id: t.string,
  target_id: t.string,
  correlation_id: t.string,
  channel: Channel,
  position: t.string,
});

const toKnownMerge = (row: t.TypeOf<typeof MergeRow>): KnownMerge => ({
  mergeId: row.merge_id,
  accountId: row.account_id,
  sourceId: row.source_id,
  targetId: row.target_id,
  correlationId: row.correlation_id,
  channel: row.channel,
  position: BigInt(row.position),
});

export const sqlMergeRegistry = (session: SqlSession, schema: string): MergeRegistry => ({
  // a user is merged once (R3.5): a second record of the same merge changes nothing
  record: (merge) =>
    pipe(
      TE.tryCatch(
        () =>
          session.query(
            `INSERT INTO ${schema}.merges_taken_on
               (source_id, merge_id, account_id, target_id, correlation_id, channel, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7::bigint) ON CONFLICT (source_id) DO NOTHING`,
            [
              merge.sourceId,
              merge.mergeId,
              merge.accountId,
              merge.targetId,
              merge.correlationId,
              merge.channel,
              merge.position.toString(),
            ],
          ),
        unavailable('record a merge'),
      ),
      TE.map(() => undefined),
    ),
  ofSources: (userIds) =>
    pipe(
      query(
        session,
        MergeRow,
        'merges',
        `SELECT source_id, merge_id, account_id, target_id, correlation_id, channel,
           position::text AS position
         FROM ${schema}.merges_taken_on WHERE source_id = ANY($1::uuid[])`,
        [`{${userIds.join(',')}}`],
      ),
      TE.map((rows) => rows.map(toKnownMerge)),
    ),
});
