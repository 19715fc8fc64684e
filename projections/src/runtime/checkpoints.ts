import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';

/**
 * Where a projection stands in the log: the global position of the last event it has taken into
 * account, or undefined before the first one. It is written in the same transaction as the rows.
 */
export type Checkpoint = bigint | undefined;

export const checkpointsTable = 'projection_checkpoints';

/** Runs with `search_path` at the schema that holds the read model (live or scratch). */
export const checkpointsDdl = `
CREATE TABLE IF NOT EXISTS ${checkpointsTable} (
  name text PRIMARY KEY,
  position bigint,
  fingerprint text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

const PositionText = t.union([t.string, t.null]);
const CheckpointRow = t.type({ name: t.string, position: PositionText, fingerprint: t.string });
type CheckpointRow = t.TypeOf<typeof CheckpointRow>;

export interface CheckpointRecord {
  readonly name: string;
  readonly position: Checkpoint;
  /** the projection's fingerprint when its tables were built (see `fingerprintOf`) */
  readonly fingerprint: string;
}

const toRecord = (row: CheckpointRow): CheckpointRecord => ({
  name: row.name,
  position: row.position === null ? undefined : BigInt(row.position),
  fingerprint: row.fingerprint,
});

/** Rows come from our own table: one that does not decode means the schema was tampered with. */
const decodeRows = (rows: unknown[]): ReadonlyArray<CheckpointRecord> => {
  const decoded = t.array(CheckpointRow).decode(rows);
  if (E.isLeft(decoded)) throw new Error(`${checkpointsTable} holds rows of an unexpected shape`);
  return decoded.right.map(toRecord);
};

const columns = 'name, position::text AS position, fingerprint';

export const readCheckpoints = async (
  session: SqlSession,
  schema: string,
): Promise<ReadonlyArray<CheckpointRecord>> =>
  decodeRows((await session.query(`SELECT ${columns} FROM ${schema}.${checkpointsTable}`)).rows);

export const readCheckpoint = async (
  session: SqlSession,
  schema: string,
  name: string,
): Promise<CheckpointRecord | undefined> =>
  decodeRows(
    (
      await session.query(`SELECT ${columns} FROM ${schema}.${checkpointsTable} WHERE name = $1`, [
        name,
      ])
    ).rows,
  )[0];

/** Locks the row until the transaction ends: writers of one projection's checkpoint queue here. */
export const lockCheckpoint = async (
  session: SqlSession,
  schema: string,
  name: string,
): Promise<CheckpointRecord | undefined> =>
  decodeRows(
    (
      await session.query(
        `SELECT ${columns} FROM ${schema}.${checkpointsTable} WHERE name = $1 FOR UPDATE`,
        [name],
      )
    ).rows,
  )[0];

/** Where a move found the checkpoint: where it was expected, or elsewhere (another writer moved it). */
export type CheckpointMove =
  { readonly kind: 'moved' } | { readonly kind: 'stood-elsewhere'; readonly actual: Checkpoint };

/**
 * Moves the checkpoint to `to` if it still stands at `from`, and keeps its row locked until the
 * transaction ends, so writers of one projection queue here and the second finds it moved. The
 * lock and the move are one statement (one round trip per batch less than locking, then writing).
 */
export const moveCheckpoint = async (
  session: SqlSession,
  schema: string,
  name: string,
  from: Checkpoint,
  to: bigint,
): Promise<CheckpointMove> => {
  const { rows } = await session.query(
    `UPDATE ${schema}.${checkpointsTable} SET position = $3::bigint, updated_at = now()
     WHERE name = $1 AND position IS NOT DISTINCT FROM $2::bigint RETURNING name`,
    [name, from === undefined ? null : from.toString(), to.toString()],
  );
  if (rows.length === 1) return { kind: 'moved' };
  const current = await lockCheckpoint(session, schema, name);
  if (current !== undefined || from !== undefined)
    return { kind: 'stood-elsewhere', actual: current?.position };
  // a projection without a checkpoint row yet starts from the beginning: its first batch makes it
  await writeCheckpoint(session, schema, name, to);
  return { kind: 'moved' };
};

export const writeCheckpoint = (
  session: SqlSession,
  schema: string,
  name: string,
  position: Checkpoint,
  fingerprint?: string,
): Promise<unknown> =>
  session.query(
    `INSERT INTO ${schema}.${checkpointsTable} (name, position, fingerprint, updated_at)
     VALUES ($1, $2::bigint, coalesce($3, ''), now())
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at,
       fingerprint = coalesce($3, ${checkpointsTable}.fingerprint)`,
    [name, position === undefined ? null : position.toString(), fingerprint ?? null],
  );

export const laterOf = (a: Checkpoint, b: Checkpoint): Checkpoint =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;
