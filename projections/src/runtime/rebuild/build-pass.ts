import * as E from 'fp-ts/Either';
import type { EventStore, SqlClient, StoreError } from '@helpdesk/event-store';
import { applyInOneTransaction } from '../batch-transaction';
import type { Checkpoint } from '../checkpoints';
import { logPages } from '../log-pages';
import { toProjectedEvents, wants, type CorruptEvent } from '../projected-event';
import type { ProjectedEvent, Projection } from '../projection';
import type { Scratch } from './scratch';

export type BuildError =
  CorruptEvent | StoreError | { readonly kind: 'RebuildFailed'; readonly message: string };

export interface BuildOptions {
  readonly store: Pick<EventStore, 'readAll' | 'headPosition'>;
  readonly client: SqlClient;
  readonly scratches: ReadonlyArray<Scratch>;
  readonly batchSize: number;
  /** pages read ahead of the slowest projection; 3 when absent (memory: that many pages) */
  readonly lookahead?: number;
  /** when every scratch has committed a page: events read so far, the checkpoint, the head seen */
  readonly onBatch: (read: number, through: bigint, head: Checkpoint) => Promise<void>;
}

/** A page as every scratch shares it: decoded once. */
interface SharedPage {
  /** pages in reading order */
  readonly number: number;
  readonly events: ReadonlyArray<ProjectedEvent>;
  readonly through: bigint;
  readonly head: Checkpoint;
  readonly read: number;
}

class Stopped extends Error {}

/** how long a scratch whose pages hold nothing for it goes without storing its checkpoint */
const quietCheckpointMs = 2_000;

/**
 * A bounded queue of pages for one scratch: the reader waits while it is full. The pages the worker
 * took last count until it comes back for more, so at most `capacity` pages wait besides the one
 * being applied, however many it applies at once (memory: that many pages).
 */
const pageQueue = (capacity: number) => {
  const pages: SharedPage[] = [];
  let applying = 0;
  let ended = false;
  let failed: unknown;
  let wakeReader: (() => void) | undefined;
  let wakeWorker: (() => void) | undefined;
  return {
    push: async (page: SharedPage) => {
      while (pages.length + Math.max(applying - 1, 0) >= capacity && failed === undefined)
        await new Promise<void>((resolve) => (wakeReader = resolve));
      if (failed !== undefined) throw new Stopped();
      pages.push(page);
      wakeWorker?.();
    },
    end: () => {
      ended = true;
      wakeWorker?.();
    },
    /** every page waiting, in order (at least one), or undefined after the last */
    takeAll: async (): Promise<ReadonlyArray<SharedPage> | undefined> => {
      applying = 0;
      wakeReader?.();
      while (pages.length === 0 && !ended)
        await new Promise<void>((resolve) => (wakeWorker = resolve));
      if (pages.length === 0) return undefined;
      const taken = pages.splice(0);
      applying = taken.length;
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

const earliest = (scratches: ReadonlyArray<Scratch>): Checkpoint =>
  scratches.some((s) => s.checkpoint === undefined)
    ? undefined
    : scratches.map((s) => s.checkpoint!).reduce((a, b) => (a < b ? a : b));

/**
 * One pass over the log, from the earliest scratch checkpoint to the head, feeding every scratch.
 * One reader reads each page once and decodes it once (only the events some projection reads);
 * each projection then applies the pages on its own, in transactions with its own checkpoint, up
 * to `lookahead` pages behind the reader: one page at a time, or every page waiting for it when it
 * is behind (fewer, larger statements: a ticket changed in several pages is updated once). So the
 * light projections never wait for the heavy ones page by page, the database always has statements
 * to run while this process decodes, and a rebuild killed at any moment resumes each scratch from
 * its own checkpoint.
 */
export const buildFromLog = async (
  options: BuildOptions,
): Promise<E.Either<BuildError, ReadonlyArray<Scratch>>> => {
  const lookahead = options.lookahead ?? 3;
  const checkpoints = options.scratches.map((s) => s.checkpoint);
  const queues = options.scratches.map(() => pageQueue(lookahead));
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

  /** a page's events a filter passes: scratches with the same filter share one list */
  const passedBy = new WeakMap<SharedPage, Map<string, ReadonlyArray<ProjectedEvent>>>();
  const eventsFor = (page: SharedPage, filter: Projection['filter']) => {
    const byFilter = passedBy.get(page) ?? new Map<string, ReadonlyArray<ProjectedEvent>>();
    passedBy.set(page, byFilter);
    const key = filter.streamPrefixes.join('\n');
    let passed = byFilter.get(key);
    if (passed === undefined) {
      passed = page.events.filter((e) => wants(filter, e.streamName));
      byFilter.set(key, passed);
    }
    return passed;
  };

  const workers = options.scratches.map(async (scratch, i) => {
    const queue = queues[i]!;
    /** the scratch's checkpoint as stored; `checkpoints[i]` may be further, past pages with nothing for it */
    let stored = checkpoints[i];
    // the first page is always stored: a resumed rebuild never starts a scratch over from nothing
    let storedAt = 0;
    const store = async (to: bigint, events: ReadonlyArray<ProjectedEvent>): Promise<boolean> => {
      const outcome = await applyInOneTransaction(
        options.client,
        [{ projection: scratch.projection, schema: scratch.schema, from: stored, to, events }],
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
      // a scratch behind the reader applies every page waiting for it in one transaction: the
      // tickets touched in several of them are updated once
      for (let taken = await queue.takeAll(); taken !== undefined; taken = await queue.takeAll()) {
        if (thrown !== undefined || failure !== undefined) return;
        const from = checkpoints[i];
        // a resumed scratch may stand inside a page: it skips what it already has
        const unapplied = (page: SharedPage): ReadonlyArray<ProjectedEvent> => {
          if (from !== undefined && from >= page.through) return [];
          const passed = eventsFor(page, scratch.projection.filter);
          return from === undefined || passed.length === 0 || passed[0]!.globalPosition > from
            ? passed
            : passed.filter((e) => e.globalPosition > from);
        };
        const events = taken.length === 1 ? unapplied(taken[0]!) : taken.flatMap(unapplied);
        const through = taken[taken.length - 1]!.through;
        const applied = from !== undefined && from >= through;
        // pages with nothing for it open no transaction; the checkpoint is stored now and then
        if (!applied && events.length === 0 && Date.now() - storedAt < quietCheckpointMs)
          checkpoints[i] = through;
        else if (!applied && !(await store(through, events))) return;
        for (const page of taken) pageDone(page, options.scratches.length);
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

  // the prefixes any scratch reads, once: every event of the log is tested against them
  const anyScratch = {
    streamPrefixes: [
      ...new Set(options.scratches.flatMap((s) => s.projection.filter.streamPrefixes)),
    ],
  };
  const wantedByAny = (streamName: string) => wants(anyScratch, streamName);

  const reader = (async () => {
    let number = 0;
    let lastThrough: Checkpoint;
    try {
      for await (const page of logPages(options.store, {
        after: earliest(options.scratches),
        pageSize: options.batchSize,
      })) {
        if (E.isLeft(page)) {
          failure ??= page.left;
          return;
        }
        const { events, through, head } = page.right;
        // an empty page at the head already read through: nothing to apply, nothing to count
        if (through === undefined || (events.length === 0 && through === lastThrough)) continue;
        lastThrough = through;
        const decoded = toProjectedEvents(events.filter((e) => wantedByAny(e.streamName)));
        if (E.isLeft(decoded)) {
          failure ??= decoded.left;
          return;
        }
        if (thrown !== undefined) return;
        number += 1;
        const shared: SharedPage = {
          number,
          events: decoded.right,
          through,
          head,
          read: events.length,
        };
        for (const queue of queues) await queue.push(shared);
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
