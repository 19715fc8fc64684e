import * as E from 'fp-ts/Either';
import type {
  EventStore,
  RecordedEvent,
  SharedTail,
  SqlClient,
  StoreError,
} from '@helpdesk/event-store';
import { applyInOneTransaction } from './batch-transaction';
import { readCheckpoint, type Checkpoint } from './checkpoints';
import { logPages } from './log-pages';
import { errorMessage, type RuntimeLogger } from './logger';
import {
  decodeUntilCorrupt,
  describeCorruptEvent,
  wants,
  type CorruptEvent,
} from './projected-event';
import type { Projection } from './projection';

export type ProjectorState = 'starting' | 'catching_up' | 'live' | 'failed' | 'stopped';

export interface ProjectorOptions {
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly schema: string;
  readonly projection: Projection;
  /** the live end of the log, shared by the process's projectors */
  readonly tail: SharedTail;
  readonly batchSize: number;
  readonly logger: RuntimeLogger;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly signal: AbortSignal;
  /** after every commit, and once the checkpoint is read at (re)start */
  readonly onCheckpoint: (checkpoint: Checkpoint) => void;
  readonly onState: (state: ProjectorState, failure?: CorruptEvent) => void;
}

/** Why the current pass ended: restart from the stored checkpoint, or stop for good. */
type PassEnd =
  | { readonly kind: 'restart'; readonly reason: string }
  /** it fell behind what the live tail keeps: catch up from the log again, at once */
  | { readonly kind: 'behind' }
  | { readonly kind: 'corrupt'; readonly event: CorruptEvent }
  | { readonly kind: 'stopped' };

class StoreFailed extends Error {
  constructor(readonly error: StoreError) {
    super(error.kind === 'StoreUnavailable' ? error.message : error.kind);
  }
}

/**
 * How long a live projector lets a small batch wait for more: on a busy desk each append would
 * otherwise cost every projection a transaction; read models lag by this much more at most.
 */
const lingerMs = 5;

/** how long a projection whose batches hold nothing for it goes without storing its checkpoint */
const quietCheckpointMs = 5_000;

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

/**
 * One projection following the log on its own: catch up from its checkpoint in pages, then take
 * the live tail from a subscription. Every batch is applied with its checkpoint in one transaction
 * (`applyInOneTransaction`). A failure (database, store) restarts from the stored checkpoint after a
 * growing pause; an event that does not decode stops the projection, logged, never skipped.
 */
export const runProjector = async (options: ProjectorOptions): Promise<void> => {
  const { store, client, schema, projection, batchSize, logger, signal } = options;
  let checkpoint: Checkpoint;

  /** the checkpoint as stored; `checkpoint` may be further, past events this projection skips */
  let stored: Checkpoint;
  let storedAt = 0;

  /**
   * Decodes and applies one batch; `through` may lie past its last event (see `LogPage.through`).
   * Events before a corrupt one are applied, so the checkpoint stops right before it. A batch with
   * nothing for this projection writes nothing: its checkpoint moves in memory (what
   * `waitForPosition` and the lag see) and is stored with the next batch it applies, or after
   * `quietCheckpointMs`; a crash in between only makes it skip those events again.
   */
  const applyBatch = async (
    recorded: ReadonlyArray<RecordedEvent>,
    through: bigint,
  ): Promise<PassEnd | undefined> => {
    const { events, corrupt } = decodeUntilCorrupt(
      recorded.filter((event) => wants(projection.filter, event.streamName)),
    );
    const to = corrupt === undefined ? through : events[events.length - 1]?.globalPosition;
    if (to !== undefined && to !== checkpoint) {
      const quiet = events.length === 0 && Date.now() - storedAt < quietCheckpointMs;
      if (!quiet) {
        const outcome = await applyInOneTransaction(client, [
          { projection, schema, events, from: stored, to },
        ]);
        if (outcome.kind === 'moved')
          return { kind: 'restart', reason: `its checkpoint was moved to ${outcome.actual}` };
        stored = to;
        storedAt = Date.now();
      }
      checkpoint = to;
      options.onCheckpoint(checkpoint);
    }
    return corrupt === undefined ? undefined : { kind: 'corrupt', event: corrupt };
  };

  const catchUp = async (): Promise<PassEnd | undefined> => {
    options.onState('catching_up');
    const pages = logPages(store, {
      after: checkpoint,
      pageSize: batchSize,
    });
    for await (const page of pages) {
      if (signal.aborted) return { kind: 'stopped' };
      if (E.isLeft(page)) throw new StoreFailed(page.left);
      const { events, through } = page.right;
      if (through === undefined || through === checkpoint) continue;
      const end = await applyBatch(events, through);
      if (end !== undefined) return end;
    }
    return undefined;
  };

  const followLive = async (): Promise<PassEnd> => {
    options.onState('live');
    for (;;) {
      // every event of the tail moves the checkpoint, so waiting for any position ends promptly
      let read = await options.tail.read(checkpoint, batchSize, signal);
      // a few events: give the next appends a moment to join them, one transaction for all
      if (read.kind === 'events' && read.events.length < batchSize / 10) {
        await pause(signal, lingerMs);
        read = await options.tail.read(checkpoint, batchSize, signal);
      }
      if (read.kind === 'closed') return { kind: 'stopped' };
      if (read.kind === 'behind') return { kind: 'behind' };
      if (read.kind === 'idle') continue;
      const batch = read.events;
      const end = await applyBatch(batch, batch[batch.length - 1]!.globalPosition);
      if (end !== undefined) return end;
    }
  };

  const pass = async (): Promise<PassEnd> => {
    checkpoint = (await readCheckpoint(client, schema, projection.name))?.position;
    stored = checkpoint;
    storedAt = Date.now();
    options.onCheckpoint(checkpoint);
    return (await catchUp()) ?? (signal.aborted ? { kind: 'stopped' } : await followLive());
  };

  let delay = options.retryDelayMs;
  while (!signal.aborted) {
    let end: PassEnd;
    try {
      end = await pass();
      delay = options.retryDelayMs;
      // a moved checkpoint or an ended subscription: start over at once, but never spin
      if (end.kind === 'behind') continue;
      if (end.kind === 'restart') {
        logger.info(`projection ${projection.name} restarts: ${end.reason}`, {
          projection: projection.name,
        });
        await pause(signal, delay);
      }
    } catch (error) {
      end = { kind: 'restart', reason: errorMessage(error) };
      logger.error(
        `projection ${projection.name} failed (${errorMessage(error)}); it restarts from its checkpoint`,
        {
          projection: projection.name,
          checkpoint: checkpoint?.toString() ?? null,
          error: errorMessage(error),
          retryInMs: delay,
        },
      );
      await pause(signal, delay);
      delay = Math.min(delay * 2, options.maxRetryDelayMs);
    }
    if (end.kind === 'stopped') break;
    if (end.kind === 'corrupt') {
      logger.error(`projection ${projection.name} stopped: ${describeCorruptEvent(end.event)}`, {
        projection: projection.name,
        position: end.event.globalPosition.toString(),
        stream: end.event.streamName,
        eventId: end.event.eventId,
        type: end.event.type,
        issues: end.event.issues,
      });
      options.onState('failed', end.event);
      return;
    }
  }
  options.onState('stopped');
};
