import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventFilter, EventStore } from '@helpdesk/event-store';
import type { AppError } from '../command/app-error';
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

  const pass = async () => {
    position = await must(checkpoints.read(manager.name));
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
        await must(checkpoints.write(manager.name, last));
        position = last;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await batches.close();
    }
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
