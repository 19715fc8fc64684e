import { setMaxListeners } from 'node:events';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  sharedTail,
  type EventStore,
  type SharedTail,
  type SqlClient,
} from '@helpdesk/event-store';
import type { Checkpoint } from './checkpoints';
import { installReadModels, type InstallReport } from './install';
import { projectionLag, type LagError, type ProjectionLag } from './lag';
import { stderrLogger, type RuntimeLogger } from './logger';
import type { CorruptEvent } from './projected-event';
import type { Projection } from './projection';
import { positionWaiters, type WaitError } from './position-waiters';
import { runProjector, type ProjectorState } from './projector';
import { defaultReadModelSchema } from './schema-name';

export interface RunnerOptions {
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly projections: ReadonlyArray<Projection>;
  /** the live read-model schema; `read_models` when absent */
  readonly schema?: string;
  /** events per transaction, at most; 1,000 when absent */
  readonly batchSize?: number;
  readonly logger?: RuntimeLogger;
  /** first pause after a failure, doubled up to `maxRetryDelayMs` (100 ms and 10 s when absent) */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

export type { WaitError };

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectorState;
  readonly checkpoint: Checkpoint;
  /** why a failed projection stopped */
  readonly failure?: CorruptEvent;
}

export interface ProjectionRunner {
  readonly schema: string;
  /** the live end of the log the projections share; the process's process managers may read it too */
  readonly tail: SharedTail;
  readonly install: InstallReport;
  /**
   * Resolves once the projection has taken into account every event up to `position` (the
   * position an append returned: read-your-writes; the event a process manager reacts to).
   */
  readonly waitForPosition: (
    name: string,
    position: bigint,
    timeoutMs: number,
  ) => TE.TaskEither<WaitError, Checkpoint>;
  readonly status: () => ReadonlyArray<ProjectionStatus>;
  readonly lag: () => Promise<E.Either<LagError, ReadonlyArray<ProjectionLag>>>;
  /** stops every projection after its current transaction */
  readonly stop: () => Promise<void>;
}

/**
 * Installs the read models, then runs each projection in its own loop, side by side: one that is
 * slow or failed holds back none of the others. They share one live tail of the log (`sharedTail`):
 * a projection that falls further behind than the tail keeps reads the log on its own until it is
 * back.
 */
export const startProjections = async (options: RunnerOptions): Promise<ProjectionRunner> => {
  const schema = options.schema ?? defaultReadModelSchema;
  const install = await installReadModels(options.client, schema, options.projections);
  const logger = options.logger ?? stderrLogger;
  if (install.stale.length > 0)
    logger.info('read models built by other code; run `helpdesk rebuild` for them', {
      stale: install.stale,
    });

  const batchSize = options.batchSize ?? 1000;
  // one subscription for all: each append is read and decoded once, not once per projection
  const tail = await sharedTail(options.store, {
    capacity: batchSize * 20,
    retryDelayMs: options.retryDelayMs ?? 100,
    onError: (error) =>
      logger.error('the live tail of the log failed; it subscribes again', {
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  const controller = new AbortController();
  // every projector waits on the tail with this signal: one listener each
  setMaxListeners(options.projections.length + 10, controller.signal);
  const statuses = new Map<string, ProjectionStatus>(
    options.projections.map((p) => [
      p.name,
      { name: p.name, state: 'starting', checkpoint: undefined },
    ]),
  );
  const waiters = positionWaiters();
  const update = (name: string, change: Partial<ProjectionStatus>) => {
    const status = { ...statuses.get(name)!, ...change };
    statuses.set(name, status);
    if (status.state === 'failed') waiters.fail(name, status.failure);
    else waiters.reached(name, status.checkpoint);
  };

  const loops = options.projections.map((projection) =>
    runProjector({
      store: options.store,
      client: options.client,
      schema,
      projection,
      tail,
      batchSize,
      logger,
      retryDelayMs: options.retryDelayMs ?? 100,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
      signal: controller.signal,
      onCheckpoint: (checkpoint) => update(projection.name, { checkpoint }),
      onState: (state, failure) => update(projection.name, { state, failure }),
    }),
  );

  return {
    schema,
    tail,
    install,
    waitForPosition: (name, position, timeoutMs) => () => {
      const status = statuses.get(name);
      if (status === undefined)
        return Promise.resolve(E.left<WaitError, Checkpoint>({ kind: 'UnknownProjection', name }));
      return waiters.wait(
        { ...status, failed: status.state === 'failed' },
        position,
        timeoutMs,
        () => statuses.get(name)!.checkpoint,
      );
    },
    status: () => [...statuses.values()],
    lag: () =>
      projectionLag({
        store: options.store,
        client: options.client,
        schema,
        reached: (name) => statuses.get(name)?.checkpoint,
      }),
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
      await tail.close();
      waiters.stopAll();
    },
  };
};
