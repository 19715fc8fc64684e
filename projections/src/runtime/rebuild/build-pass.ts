import * as E from 'fp-ts/Either';
import type { EventStore, SqlClient, StoreError } from '@helpdesk/event-store';
import { applyInOneTransaction } from '../batch-transaction';
import type { Checkpoint } from '../checkpoints';
import { logPages } from '../log-pages';
import { toProjectedEvents, type CorruptEvent } from '../projected-event';
import { openBatch, type Batch, type ProjectedEvent } from '../projection';
import { filtersPassing } from './filters-passing';
import type { Scratch } from './scratch';

export type BuildError =
  CorruptEvent | StoreError | { readonly kind: 'RebuildFailed'; readonly message: string };

export interface BuildOptions {
  readonly store: Pick<EventStore, 'readAll' | 'headPosition'>;
  readonly client: SqlClient;
  readonly scratches: ReadonlyArray<Scratch>;
  readonly batchSize: number;
  /** pages read ahead of the slowest projection; 3 when absent (memory: that many pages' batches) */
  readonly lookahead?: number;
  /** when every scratch has committed a page: events read so far, the checkpoint, the head seen */
  readonly onBatch: (read: number, through: bigint, head: Checkpoint) => Promise<void>;
}

/** A page read: where it ends, for the checkpoints and the progress. Its events are in the batches. */
interface SharedPage {
  /** pages in reading order */
  readonly number: number;
  readonly through: bigint;
  readonly head: Checkpoint;
  readonly read: number;
}

class Stopped extends Error {}

/** how long a scratch whose pages hold nothing for it goes without storing its checkpoint */
const quietCheckpointMs = 2_000;

/** What a scratch writes in one transaction: the pages gathered into one batch. */
interface Gathered {
  readonly batch: Batch;
  readonly pages: ReadonlyArray<SharedPage>;
  /** the events added to the batch */
  readonly events: number;
}

/**
 * One scratch's open batch: the reader adds each page's events to it as soon as it has decoded
 * them, and waits while `capacity` pages are gathered. The worker takes the batch whole, with
 * every page in it, and a new one opens; the pages it took count until it comes back for more,
 * so at most `capacity` pages are gathered besides those being written, however many it writes
 * at once.
 */
const gathering = (capacity: number, open: () => Batch) => {
  let batch = open();
  let pages: SharedPage[] = [];
  let events = 0;
  let writing = 0;
  let ended = false;
  let failed: unknown;
  let wakeReader: (() => void) | undefined;
  let wakeWorker: (() => void) | undefined;
  const full = () => pages.length + Math.max(writing - 1, 0) >= capacity;
  return {
    /** resolves once a page can be added */
    room: async () => {
      while (full() && failed === undefined)
        await new Promise<void>((resolve) => (wakeReader = resolve));
      if (failed !== undefined) throw new Stopped();
    },
    /** adds a page's events at once: call it after `room`, with nothing awaited in between */
    add: (page: SharedPage, added: ReadonlyArray<ProjectedEvent>) => {
      batch.add(added);
      events += added.length;
      pages.push(page);
      wakeWorker?.();
    },
    end: () => {
      ended = true;
      wakeWorker?.();
    },
    /** the batch and its pages (at least one), or undefined after the last */
    take: async (): Promise<Gathered | undefined> => {
      writing = 0;
      wakeReader?.();
      while (pages.length === 0 && !ended)
        await new Promise<void>((resolve) => (wakeWorker = resolve));
      if (pages.length === 0) return undefined;
      const taken = { batch, pages, events };
      batch = open();
      pages = [];
      events = 0;
      writing = taken.pages.length;
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

/** A page's events past a scratch's start (all of them, but where a resumed scratch stands inside it). */
const unapplied = (
  events: ReadonlyArray<ProjectedEvent>,
  start: Checkpoint,
  through: bigint,
): ReadonlyArray<ProjectedEvent> => {
  if (start === undefined || events.length === 0 || events[0]!.globalPosition > start)
    return events;
  return start >= through ? [] : events.filter((e) => e.globalPosition > start);
};

const earliest = (scratches: ReadonlyArray<Scratch>): Checkpoint =>
  scratches.some((s) => s.checkpoint === undefined)
    ? undefined
    : scratches.map((s) => s.checkpoint!).reduce((a, b) => (a < b ? a : b));

/**
 * One pass over the log, from the earliest scratch checkpoint to the head, feeding every scratch.
 * One reader reads each page once, decodes it once (only the events some projection reads) and
 * adds its events at once to each projection's open batch (`Projection.batch`: rows folded or
 * encoded), so a decoded event is garbage before the next page is read; the next page is read once
 * every projection has room for it. Each projection writes its batch on its own, in transactions
 * with its own checkpoint, up to `lookahead` pages behind the reader: one page at a time, or every page gathered while it wrote the last (fewer, larger
 * statements: a ticket changed in several pages is updated once). So the light projections never
 * wait for the heavy ones page by page, the database always has statements to run while this
 * process decodes, and a rebuild killed at any moment resumes each scratch from its own checkpoint.
 */
export const buildFromLog = async (
  options: BuildOptions,
): Promise<E.Either<BuildError, ReadonlyArray<Scratch>>> => {
  const lookahead = options.lookahead ?? 3;
  const checkpoints = options.scratches.map((s) => s.checkpoint);
  const target = { copies: options.client.copyFrom !== undefined };
  const queues = options.scratches.map((scratch) =>
    gathering(lookahead, () => openBatch(scratch.projection, target)),
  );
  let failure: BuildError | undefined;
  let thrown: unknown;
  const stopAll = (error: unknown) => {
    for (const queue of queues) queue.fail(error);
  };

  // progress: a page counts once every scratch has committed it
  const committed = new Map<number, { left: number; page: SharedPage }>();
  let reporting = Promise.resolve();
  const pageDone = (page: SharedPage, workers: number) => {
    const entry = committed.get(page.number) ?? { left: workers, page };
    entry.left -= 1;
    committed.set(page.number, entry);
    if (entry.left === 0) {
      committed.delete(page.number);
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
    // the first page is always stored: a resumed rebuild never starts a scratch over from nothing
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
        const through = taken.pages[taken.pages.length - 1]!.through;
        const applied = from !== undefined && from >= through;
        // pages with nothing for it open no transaction; the checkpoint is stored now and then
        if (!applied && taken.events === 0 && Date.now() - storedAt < quietCheckpointMs)
          checkpoints[i] = through;
        else if (!applied && !(await store(through, taken.batch))) return;
        for (const page of taken.pages) pageDone(page, options.scratches.length);
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

  // each distinct filter once: scratches with the same filter share one list of a page's events
  const filters = [...new Map(options.scratches.map((s) => [filterKey(s), s.projection.filter]))];
  const filterOf = options.scratches.map((s) => filters.findIndex(([key]) => key === filterKey(s)));
  const passing = filtersPassing(filters.map(([, filter]) => filter));
  /** where each scratch starts: a resumed one may stand inside a page, and skips what it has */
  const starts = options.scratches.map((s) => s.checkpoint);

  const reader = (async () => {
    let number = 0;
    let lastThrough: Checkpoint;
    try {
      // a page is read only once every scratch has room for it, and added as soon as it is decoded
      for (const queue of queues) await queue.room();
      for await (const page of logPages(options.store, {
        after: earliest(options.scratches),
        pageSize: options.batchSize,
        readAhead: false,
      })) {
        if (E.isLeft(page)) {
          failure ??= page.left;
          return;
        }
        const { events, through, head } = page.right;
        // an empty page at the head already read through: nothing to apply, nothing to count
        if (through === undefined || (events.length === 0 && through === lastThrough)) continue;
        lastThrough = through;
        const wanted = events.filter((e) => passing(e.streamName).length > 0);
        const decoded = toProjectedEvents(wanted);
        if (E.isLeft(decoded)) {
          failure ??= decoded.left;
          return;
        }
        if (thrown !== undefined) return;
        const passed = filters.map((): ProjectedEvent[] => []);
        for (const event of decoded.right)
          for (const f of passing(event.streamName)) passed[f]!.push(event);
        number += 1;
        const shared: SharedPage = { number, through, head, read: events.length };
        for (const [i, queue] of queues.entries())
          queue.add(shared, unapplied(passed[filterOf[i]!]!, starts[i], through));
        for (const queue of queues) await queue.room();
      }
    } catch (error) {
      if (!(error instanceof Stopped)) thrown ??= error;
    } finally {
      for (const queue of queues) queue.end();
    }
  })();

  await reader;
  if (failure !== undefined) stopAll(new Stopped());
  await Promise.all(workers);
  await reporting;
  if (thrown !== undefined && !(thrown instanceof Stopped)) throw thrown;
  if (failure !== undefined) return E.left(failure);
  return E.right(options.scratches.map((s, i) => ({ ...s, checkpoint: checkpoints[i] })));
};
