import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  matchesFilter,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
  type SharedTail,
} from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../command/app-error';
import { eventBatches } from './event-batches';
import type { ProcessCheckpoints, ProcessLogger } from './ports';
import { toProcessEvent, type ProcessEvent } from './process-event';

/**
 * A process manager: it follows the log from its own checkpoint and turns the events it reacts
 * to into commands. `handle` must be safe to run again on the same events (its commands decide
 * nothing when repeated): after a failure or a crash, the events since the checkpoint come again.
 */
export interface ProcessManager {
  /** stable: it names the checkpoint */
  readonly name: string;
  readonly filter: EventFilter;
  /** handles events in log order; a failure makes the runner try them again */
  readonly handle: (events: ReadonlyArray<ProcessEvent>) => TE.TaskEither<AppError, void>;
}

export interface ProcessRunnerOptions {
  readonly store: EventStore;
  readonly checkpoints: ProcessCheckpoints;
  readonly logger: ProcessLogger;
  /**
   * the live end of the log shared with the process's projectors: then the process reads it and
   * keeps the events its filter passes, instead of holding a subscription of its own
   */
  readonly tail?: SharedTail;
  /** events per `handle` call, at most; 500 when absent */
  readonly batchSize?: number;
  /** first pause after a failure, doubled up to `maxRetryDelayMs` (100 ms and 10 s when absent) */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

export interface RunningProcess {
  readonly name: string;
  /** the position of the last event handled and checkpointed */
  readonly position: () => bigint | undefined;
  /** stops after the batch under way */
  readonly stop: () => Promise<void>;
}

class Failed extends Error {
  constructor(readonly error: AppError) {
    super(error.kind === 'StoreUnavailable' ? error.message : error.kind);
  }
}

const pause = (signal: AbortSignal, ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** how often a process on the live tail writes its checkpoint */
const quietCheckpointMs = 1_000;

const messageOf = (error: unknown): string =>
  error instanceof Failed
    ? JSON.stringify(error.error)
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * Runs a process manager until stopped: reads its checkpoint, subscribes after it, hands each
 * batch to `handle` and checkpoints the batch's last position. A failure (store, read model, a
 * projection not there yet) restarts from the checkpoint after a growing pause. An event that
 * does not decode cannot be acted on: it is logged and passed.
 */
export const startProcessManager = (
  options: ProcessRunnerOptions,
  manager: ProcessManager,
): RunningProcess => {
  const { store, checkpoints, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const controller = new AbortController();
  const { signal } = controller;
  let position: bigint | undefined;

  const must = async <A>(task: TE.TaskEither<AppError, A>): Promise<A> => {
    const result = await task();
    if (E.isLeft(result)) throw new Failed(result.left);
    return result.right;
  };

  /** Decodes and handles a batch's events, then checkpoints its last position unless told not to. */
  const handleBatch = async (batch: ReadonlyArray<RecordedEvent>, checkpoint = true) => {
    const events: ProcessEvent[] = [];
    for (const recorded of batch) {
      const decoded = toProcessEvent(recorded);
      if (E.isRight(decoded)) events.push(decoded.right);
      else
        logger.error(`process ${manager.name} passes an event it cannot decode`, {
          process: manager.name,
          position: recorded.globalPosition.toString(),
          stream: recorded.streamName,
          error: decoded.left.message,
        });
    }
    await must(manager.handle(events));
    const last = batch[batch.length - 1]!.globalPosition;
    if (checkpoint) await must(checkpoints.write(manager.name, last));
    position = last;
  };

  const followSubscription = async () => {
    // read ahead one batch only: a long `handle` (a merge) leaves the reading to the read models
    const batches = eventBatches(
      store.subscribeToAll({
        ...(position === undefined ? {} : { after: position }),
        filter: manager.filter,
      }),
      batchSize,
    );
    const stop = () => void batches.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for (;;) {
        const batch = await batches.next(batchSize);
        if (signal.aborted) return;
        if (batch === undefined) throw new Error('the subscription ended');
        await handleBatch(batch);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await batches.close();
    }
  };

  /**
   * The tail carries every event: those the filter passes are handled, the others only move the
   * position; the checkpoint is written once a second at most. Behind the tail, the log is read in
   * pages of the process's streams only, each page checkpointed.
   */
  const followTail = async (tail: SharedTail) => {
    let written = Date.now();
    /** `catchingUp`: pages read behind the tail are checkpointed each, so a restart goes on from there */
    const take = async (events: ReadonlyArray<RecordedEvent>, catchingUp: boolean) => {
      const passed = events.filter((e) => matchesFilter(manager.filter, e.streamName));
      const last = events[events.length - 1]!.globalPosition;
      // live, the checkpoint is written now and then rather than per batch: `handle` is safe to
      // run again on the events since (a restart repeats at most that), and a busy desk's process
      // managers would otherwise write one row per append
      if (passed.length > 0) await handleBatch(passed, false);
      position = last;
      if (catchingUp || Date.now() - written >= quietCheckpointMs) {
        await must(checkpoints.write(manager.name, last));
        stored = last;
        written = Date.now();
      }
    };
    let stored = position;
    for (;;) {
      // with a position not yet written, wait for new events only so long, then write it
      const unsaved = position !== stored;
      const read = await tail.read(
        position,
        batchSize,
        signal,
        unsaved ? quietCheckpointMs : undefined,
      );
      if (read.kind === 'closed') return;
      if (read.kind === 'idle') {
        await must(checkpoints.write(manager.name, position!));
        stored = position;
        written = Date.now();
        continue;
      }
      if (read.kind === 'events') await take(read.events, false);
      else
        for (;;) {
          // the head first: once a page comes back short, nothing below the head can still appear
          const head = await must(TE.mapLeft(fromStoreError)(store.headPosition()));
          const page = await must(
            TE.mapLeft(fromStoreError)(
              store.readAll({
                ...(position === undefined ? {} : { after: position }),
                maxCount: batchSize,
                filter: manager.filter,
              }),
            ),
          );
          if (signal.aborted) return;
          if (page.length > 0) await take(page, true);
          if (page.length < batchSize) {
            if (head !== undefined && (position === undefined || head > position)) {
              await must(checkpoints.write(manager.name, head));
              position = head;
              stored = head;
            }
            break;
          }
        }
    }
  };

  const pass = async () => {
    position = await must(checkpoints.read(manager.name));
    await (options.tail === undefined ? followSubscription() : followTail(options.tail));
  };

  const loop = (async () => {
    let delay = options.retryDelayMs ?? 100;
    while (!signal.aborted) {
      try {
        await pass();
        delay = options.retryDelayMs ?? 100;
      } catch (error) {
        if (signal.aborted) break;
        logger.error(`process ${manager.name} failed; it starts again from its checkpoint`, {
          process: manager.name,
          checkpoint: position?.toString() ?? null,
          error: messageOf(error),
          retryInMs: delay,
        });
        await pause(signal, delay);
        delay = Math.min(delay * 2, options.maxRetryDelayMs ?? 10_000);
      }
    }
  })();

  return {
    name: manager.name,
    position: () => position,
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
};
