import type { SqlClient, SqlSession } from '@helpdesk/event-store';
import { moveCheckpoint, type Checkpoint } from './checkpoints';
import type { Batch, ProjectedEvent, Projection } from './projection';

/** One projection's share of a transaction: its events, and the checkpoint move they make. */
export interface BatchPart {
  readonly projection: Projection;
  /** the schema holding its tables and checkpoint: the live one, or a rebuild's scratch schema */
  readonly schema: string;
  /** its events, or a batch gathered from them as they were read (a rebuild's) */
  readonly events: ReadonlyArray<ProjectedEvent> | Batch;
  /** the checkpoint this batch starts from: if another writer moved it, nothing is written */
  readonly from: Checkpoint;
  /** the checkpoint after the batch: its last event, or further when the events between were not for it */
  readonly to: bigint;
}

export type BatchOutcome =
  | { readonly kind: 'applied' }
  /** another writer moved the checkpoint first: re-read it and go on from there */
  | { readonly kind: 'moved'; readonly name: string; readonly actual: Checkpoint };

class CheckpointMoved extends Error {
  constructor(
    readonly projectionName: string,
    readonly actual: Checkpoint,
  ) {
    super(`the checkpoint of ${projectionName} moved to ${actual ?? 'the start'}`);
  }
}

/**
 * Makes unqualified names resolve in `schema` until the transaction ends; `settings` are more
 * `SET LOCAL`s sent in the same round trip.
 */
export const useSchema = (
  session: SqlSession,
  schema: string,
  settings: ReadonlyArray<string> = [],
): Promise<unknown> => session.exec([...settings, `SET LOCAL search_path TO ${schema}`].join('; '));

const applyPart = async (
  session: SqlSession,
  part: BatchPart,
  settings: ReadonlyArray<string>,
): Promise<void> => {
  const { projection, schema } = part;
  await useSchema(session, schema, settings);
  const move = await moveCheckpoint(session, schema, projection.name, part.from, part.to);
  if (move.kind === 'stood-elsewhere') throw new CheckpointMoved(projection.name, move.actual);
  const { events } = part;
  if ('write' in events) await events.write(session);
  else if (events.length > 0) await projection.apply(session, events);
};

/**
 * Applies the parts and moves their checkpoints in ONE transaction: either every row and every
 * checkpoint is written, or none is. That is what makes each event count exactly once whatever
 * moment the process dies at. Each checkpoint is moved first, which locks its row: two writers of
 * one projection queue, and the second finds the checkpoint moved instead of applying events twice;
 * first also because a rebuild's swap takes the same locks in the same order (checkpoints, then
 * tables), so the two never deadlock.
 * A failure of `apply` (or of the database) rejects, after the rollback.
 */
export const applyInOneTransaction = async (
  client: SqlClient,
  parts: ReadonlyArray<BatchPart>,
  options: { readonly lazyCommit?: boolean } = {},
): Promise<BatchOutcome> => {
  try {
    await client.transaction(async (session) => {
      // a rebuild's scratch commits need not wait for the disk: a database crash may lose the
      // last few, rows and checkpoint together, and the rebuild redoes them
      const settings = options.lazyCommit === true ? ['SET LOCAL synchronous_commit TO off'] : [];
      for (const [i, part] of parts.entries())
        await applyPart(session, part, i === 0 ? settings : []);
    });
    return { kind: 'applied' };
  } catch (error) {
    if (error instanceof CheckpointMoved)
      return { kind: 'moved', name: error.projectionName, actual: error.actual };
    throw error;
  }
};
