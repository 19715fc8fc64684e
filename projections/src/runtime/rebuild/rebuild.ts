import * as E from 'fp-ts/Either';
import type { EventStore, SqlClient, StoreError } from '@helpdesk/event-store';
import type { Checkpoint } from '../checkpoints';
import { installReadModels } from '../install';
import { errorMessage } from '../logger';
import type { CorruptEvent } from '../projected-event';
import type { Projection } from '../projection';
import { defaultReadModelSchema } from '../schema-name';
import { buildFromLog } from './build-pass';
import { progressMeter, type RebuildProgress } from './progress';
import { prepareScratch, type Scratch } from './scratch';
import { finishScratches } from './finish';
import { lockLiveCheckpoints, swapIn } from './swap';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly client: SqlClient;
  /** every projection of the application: views of all of them are recreated after the swap */
  readonly projections: ReadonlyArray<Projection>;
  /** the names to rebuild; all of them when absent */
  readonly only?: ReadonlyArray<string>;
  /** the live read-model schema; `read_models` when absent */
  readonly schema?: string;
  /** events per transaction; 10,000 when absent */
  readonly batchSize?: number;
  /** awaited: a slow callback slows the rebuild down */
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  /** milliseconds, for the events/s figures; `performance.now` when absent */
  readonly clock?: () => number;
}

export type RebuildError =
  | CorruptEvent
  | StoreError
  | { readonly kind: 'UnknownProjection'; readonly name: string }
  | { readonly kind: 'RebuildFailed'; readonly message: string; readonly cause?: unknown };

export interface RebuildReport {
  readonly projections: ReadonlyArray<string>;
  readonly events: number;
  /** the checkpoint the swapped-in tables start from; live projectors go on from there */
  readonly position: Checkpoint;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

const chosen = (
  projections: ReadonlyArray<Projection>,
  only: ReadonlyArray<string> | undefined,
): E.Either<RebuildError, ReadonlyArray<Projection>> => {
  if (only === undefined) return E.right(projections);
  const byName = new Map(projections.map((p) => [p.name, p]));
  const unknown = only.find((name) => !byName.has(name));
  return unknown === undefined
    ? E.right([...new Set(only)].map((name) => byName.get(name)!))
    : E.left({ kind: 'UnknownProjection', name: unknown });
};

/**
 * Rebuilds projections from the log into fresh tables in scratch schemas, then swaps them in, all
 * in one transaction, while the live tables keep serving reads until that commit. One pass over
 * the log feeds all of them: each page is decoded once and applied to every scratch in one
 * transaction with their checkpoints, so a rebuild killed at any moment resumes where it stopped
 * and counts every event once. The log is read a page at a time (memory stays flat). The swapped-in
 * tables may end a little behind the head; the live projector goes on from their checkpoint.
 */
export const rebuildReadModels = async (
  options: RebuildOptions,
): Promise<E.Either<RebuildError, RebuildReport>> => {
  const live = options.schema ?? defaultReadModelSchema;
  const selected = chosen(options.projections, options.only);
  if (E.isLeft(selected)) return selected;
  const names = selected.right.map((p) => p.name);
  const meter = progressMeter(names, options.clock ?? (() => performance.now()));
  const report = async (phase: RebuildProgress['phase']) => {
    const progress = meter.report(phase);
    await options.onProgress?.(progress);
    return progress;
  };

  try {
    await installReadModels(options.client, live, options.projections);
    const scratches: Scratch[] = [];
    for (const projection of selected.right)
      scratches.push(await prepareScratch(options.client, live, projection));

    const built = await buildFromLog({
      store: options.store,
      client: options.client,
      scratches,
      batchSize: options.batchSize ?? 10_000,
      onBatch: async (read, through, head) => {
        meter.advanced(read, through, head);
        await report('building');
      },
    });
    if (E.isLeft(built)) return built;

    await report('swapping');
    await finishScratches(options.client, built.right);
    await options.client.transaction(async (session) => {
      await lockLiveCheckpoints(session, live, built.right);
      await swapIn(session, live, built.right, options.projections);
    });
    const done = await report('done');
    return E.right({
      projections: names,
      events: done.events,
      position: built.right[0]?.checkpoint,
      elapsedMs: done.elapsedMs,
      eventsPerSecond: done.eventsPerSecond,
    });
  } catch (cause) {
    return E.left({ kind: 'RebuildFailed', message: errorMessage(cause), cause });
  }
};

/** `helpdesk rebuild <projection>` */
export const rebuildProjection = (
  options: Omit<RebuildOptions, 'only'>,
  name: string,
): Promise<E.Either<RebuildError, RebuildReport>> =>
  rebuildReadModels({ ...options, only: [name] });
