import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent, SqlClient, StoreError } from '@helpdesk/event-store';
import { applyInOneTransaction } from '../batch-transaction';
import type { Checkpoint } from '../checkpoints';
import { readPageEach } from '../log-pages';
import { decodeRecorded, type CorruptEvent } from '../projected-event';
import { openBatch, type Batch, type ProjectedEvent } from '../projection';
import { filtersPassing } from './filters-passing';
import type { Scratch } from './scratch';

export type BuildError =
  CorruptEvent | StoreError | { readonly kind: 'RebuildFailed'; readonly message: string };

export interface BuildOptions {
  readonly store: Pick<EventStore, 'readAll' | 'readAllEach' | 'headPosition'>;
  readonly client: SqlClient;
  readonly scratches: ReadonlyArray<Scratch>;
  readonly batchSize: number;
  /**
   * pages read ahead of the slowest projection; 12 when absent. Memory: that many pages' batches,
   * folded rows or COPY bytes (tens of MB at 10,000 events a page). The more pages a batch of
   * `tickets` gathers, the fewer times a ticket's row is updated (docs/performance.md, "Session 13").
   */
  readonly lookahead?: number;
  /** when every scratch has committed a page: events read so far, the checkpoint, the head seen */
  readonly onBatch: (read: number, through: bigint, head: Checkpoint) => Promise<void>;
}

/** A page read: where it ends, for the progress. Its events are in the batches. */
interface SharedPage {
  readonly through: bigint;
  readonly head: Checkpoint;
  readonly read: number;
}

class Stopped extends Error {}

/** how long a scratch whose pages hold nothing for it goes without storing its checkpoint */
const quietCheckpointMs = 2_000;

/** events decoded before they are added to the batches: few, so that they die young */
const addedEvery = 128;

/** What a scratch writes in one transaction: the events gathered into one batch. */
interface Gathered {
  readonly batch: Batch;
  /** the log has been read through here: every event up to it that the scratch reads is in the batch */
  readonly through: bigint;
  /** the events added to the batch */
  readonly events: number;
}

/** Where the reader stands: `flush` adds what it has decoded to the batches, then `through` holds. */
interface ReadPosition {
  readonly flush: () => void;
  readonly through: () => Checkpoint;
}

/**
 * One scratch's open batch: the reader adds events to it as it decodes them, and counts the pages
 * it ends; it waits to read the next page while `capacity` pages are gathered. The worker takes
 * the batch whole once a page has ended since it last took one, with everything read so far (part
 * of the page being read, too: a checkpoint is a position, not a page), and a new one opens; the
 * pages it took count until it comes back for more, so at most `capacity` pages are gathered
 * besides those being written, however many it writes at once.
 */
const gathering = (capacity: number, open: () => Batch, reader: ReadPosition) => {
  let batch = open();
  let pages = 0;
  let events = 0;
  let writing = 0;
  let ended = false;
  let failed: unknown;
  let wakeReader: (() => void) | undefined;
  let wakeWorker: (() => void) | undefined;
  const full = () => pages + Math.max(writing - 1, 0) >= capacity;
  return {
    /** resolves once the next page can be read */
    room: async () => {
      while (full() && failed === undefined)
        await new Promise<void>((resolve) => (wakeReader = resolve));
      if (failed !== undefined) throw new Stopped();
    },
    add: (added: ReadonlyArray<ProjectedEvent>) => {
      batch.add(added);
      events += added.length;
    },
    pageEnded: () => {
      pages += 1;
      wakeWorker?.();
    },
    end: () => {
      ended = true;
      wakeWorker?.();
    },
    /** the batch and where it ends, or undefined once the log has been read and written */
    take: async (): Promise<Gathered | undefined> => {
      writing = 0;
      wakeReader?.();
      while (pages === 0 && !ended) await new Promise<void>((resolve) => (wakeWorker = resolve));
      if (pages === 0) return undefined;
      reader.flush();
      const through = reader.through();
      if (through === undefined) return undefined;
      const taken = { batch, through, events };
      batch = open();
      writing = pages;
      pages = 0;
      events = 0;
      // room for the reader again, unless it took more than one
      wakeReader?.();
      return taken;
    },
    fail: (error: unknown) => {
      failed = error;
      wakeReader?.();
    },
  };
};

const filterKey = (scratch: Scratch): string => scratch.projection.filter.streamPrefixes.join('\n');

/** Events past a scratch's start (all of them, but where a resumed scratch stands among them). */
const unapplied = (
  events: ReadonlyArray<ProjectedEvent>,
  start: Checkpoint,
): ReadonlyArray<ProjectedEvent> =>
  start === undefined || events[0]!.globalPosition > start
    ? events
    : events.filter((e) => e.globalPosition > start);

const earliest = (scratches: ReadonlyArray<Scratch>): Checkpoint =>
  scratches.some((s) => s.checkpoint === undefined)
    ? undefined
    : scratches.map((s) => s.checkpoint!).reduce((a, b) => (a < b ? a : b));

/**
 * One pass over the log, from the earliest scratch checkpoint to the head, feeding every scratch.
 * One reader reads each page once and decodes each event once, as it arrives (only the events
 * some projection reads), adding it within a few events to each projection's open batch
 * (`Projection.batch`: rows folded or encoded): a decoded event is garbage long before the page
 * ends, and no page of events is ever held. The next page is read once every projection has room
 * for it. Each projection writes its batch on its own, in transactions with its own checkpoint,
 * up to `lookahead` pages behind the reader: what was read since it last wrote, part of a page
 * included (fewer, larger statements: a ticket changed in several pages is updated once). So the
 * light projections never wait for the heavy ones, the database always has statements to run
 * while this process decodes, and a rebuild killed at any moment resumes each scratch from its
 * own checkpoint.
 */
export const buildFromLog = async (
  options: BuildOptions,
): Promise<E.Either<BuildError, ReadonlyArray<Scratch>>> => {
  const lookahead = options.lookahead ?? 12;
  const checkpoints = options.scratches.map((s) => s.checkpoint);
  const target = { copies: options.client.copyFrom !== undefined };
  let failure: BuildError | undefined;
  let thrown: unknown;

  // each distinct filter once: scratches with the same filter share one list of decoded events
  const filters = [...new Map(options.scratches.map((s) => [filterKey(s), s.projection.filter]))];
  const filterOf = options.scratches.map((s) => filters.findIndex(([key]) => key === filterKey(s)));
  const passing = filtersPassing(filters.map(([, filter]) => filter));
  /** where each scratch starts: a resumed one may stand inside a page, and skips what it has */
  const starts = options.scratches.map((s) => s.checkpoint);

  /** decoded, not yet in the batches, per filter */
  let decoded = filters.map((): ProjectedEvent[] => []);
  let waiting = 0;
  /** the log read through here: every event up to it is decoded (and, after `flush`, in the batches) */
  let position = earliest(options.scratches);
  let stopped = false;

  const stopAll = (error: unknown) => {
    stopped = true;
    for (const queue of queues) queue.fail(error);
  };
  const flush = () => {
    if (waiting === 0) return;
    const adding = decoded;
    decoded = filters.map((): ProjectedEvent[] => []);
    waiting = 0;
    try {
      for (const [i, queue] of queues.entries()) {
        const events = adding[filterOf[i]!]!;
        if (events.length > 0) queue.add(unapplied(events, starts[i]));
      }
    } catch (error) {
      // a value a table refuses: nothing more is added, no batch is written
      thrown ??= error;
      stopAll(error);
    }
  };
  const reader: ReadPosition = { flush, through: () => position };
  const queues = options.scratches.map((scratch) =>
    gathering(lookahead, () => openBatch(scratch.projection, target), reader),
  );

  // progress: a page counts once every scratch has committed through its end
  const pagesRead: SharedPage[] = [];
  let reporting = Promise.resolve();
  const reportCommitted = () => {
    while (
      pagesRead.length > 0 &&
      checkpoints.every((c) => c !== undefined && c >= pagesRead[0]!.through)
    ) {
      const page = pagesRead.shift()!;
      reporting = reporting
        .then(() => options.onBatch(page.read, page.through, page.head))
        .catch((error: unknown) => {
          // a failing report (an interrupted run) stops the build where it is
          thrown ??= error;
          stopAll(error);
        });
    }
  };

  const workers = options.scratches.map(async (scratch, i) => {
    const queue = queues[i]!;
    /** the scratch's checkpoint as stored; `checkpoints[i]` may be further, past pages with nothing for it */
    let stored = checkpoints[i];
    // the first batch is always stored: a resumed rebuild never starts a scratch over from nothing
    let storedAt = 0;
    const store = async (to: bigint, batch: Batch | readonly []): Promise<boolean> => {
      const outcome = await applyInOneTransaction(
        options.client,
        [
          {
            projection: scratch.projection,
            schema: scratch.schema,
            from: stored,
            to,
            events: batch,
          },
        ],
        { lazyCommit: true },
      );
      if (outcome.kind === 'moved') {
        failure ??= {
          kind: 'RebuildFailed',
          message: `another rebuild of ${outcome.name} is running`,
        };
        stopAll(new Stopped());
        return false;
      }
      stored = to;
      storedAt = Date.now();
      checkpoints[i] = to;
      return true;
    };
    try {
      for (let taken = await queue.take(); taken !== undefined; taken = await queue.take()) {
        if (thrown !== undefined || failure !== undefined) return;
        const from = checkpoints[i];
        const applied = from !== undefined && from >= taken.through;
        // batches with nothing for it open no transaction; the checkpoint is stored now and then
        if (!applied && taken.events === 0 && Date.now() - storedAt < quietCheckpointMs)
          checkpoints[i] = taken.through;
        else if (!applied && !(await store(taken.through, taken.batch))) return;
        reportCommitted();
      }
      // the swap hands over the stored checkpoint
      const reached = checkpoints[i];
      if (
        thrown === undefined &&
        failure === undefined &&
        reached !== undefined &&
        reached !== stored
      )
        await store(reached, []);
    } catch (error) {
      thrown ??= error;
      stopAll(error);
    }
  });

  const each = (recorded: RecordedEvent): void => {
    if (stopped) return;
    const passed = passing(recorded.streamName);
    if (passed.length > 0) {
      const event = decodeRecorded(recorded);
      if (E.isLeft(event)) {
        // the events before it are in the batches, and may be written: this one stops the pass
        failure ??= event.left;
        stopped = true;
        return;
      }
      for (const f of passed) decoded[f]!.push(event.right);
      waiting += 1;
    }
    position = recorded.globalPosition;
    if (waiting >= addedEvery) flush();
  };

  const read = (async () => {
    try {
      // a page is read only once every scratch has room for it
      for (const queue of queues) await queue.room();
      for (;;) {
        const page = await readPageEach(options.store, position, options.batchSize, each);
        if (E.isLeft(page)) {
          failure ??= page.left;
          return;
        }
        if (stopped) return;
        flush();
        const { through, head, read } = page.right;
        // an empty page at the head already read through: nothing to apply, nothing to count
        if (through !== undefined && (read > 0 || through !== position)) {
          position = through;
          pagesRead.push({ through, head, read });
          for (const queue of queues) queue.pageEnded();
        }
        if (page.right.reachedHead) return;
        for (const queue of queues) await queue.room();
      }
    } catch (error) {
      if (!(error instanceof Stopped)) thrown ??= error;
    } finally {
      for (const queue of queues) queue.end();
    }
  })();

  await read;
  if (failure !== undefined) stopAll(new Stopped());
  await Promise.all(workers);
  await reporting;
  if (thrown !== undefined && !(thrown instanceof Stopped)) throw thrown;
  if (failure !== undefined) return E.left(failure);
  return E.right(options.scratches.map((s, i) => ({ ...s, checkpoint: checkpoints[i] })));
};
