import * as E from 'fp-ts/Either';
import type { EventStore, SqlClient, StoreError } from '@helpdesk/event-store';
import { applyInOneTransaction, type BatchOutcome, type BatchPart } from '../batch-transaction';
import { laterOf, type Checkpoint } from '../checkpoints';
import { logPages } from '../log-pages';
import { toProjectedEvents, wants, type CorruptEvent } from '../projected-event';
import type { ProjectedEvent } from '../projection';
import type { Scratch } from './scratch';

export type BuildError =
  CorruptEvent | StoreError | { readonly kind: 'RebuildFailed'; readonly message: string };

export interface BuildOptions {
  readonly store: Pick<EventStore, 'readAll' | 'headPosition'>;
  readonly client: SqlClient;
  readonly scratches: ReadonlyArray<Scratch>;
  readonly batchSize: number;
  /** after each batch has committed: events read, the scratch checkpoint, the head seen */
  readonly onBatch: (read: number, through: bigint, head: Checkpoint) => Promise<void>;
}

const earliest = (scratches: ReadonlyArray<Scratch>): Checkpoint =>
  scratches.some((s) => s.checkpoint === undefined)
    ? undefined
    : scratches.map((s) => s.checkpoint!).reduce((a, b) => (a < b ? a : b));

/** Each scratch's share of a page: the events past its own checkpoint that it reads. */
const partsOf = (
  scratches: ReadonlyArray<Scratch>,
  events: ReadonlyArray<ProjectedEvent>,
  through: bigint,
): ReadonlyArray<BatchPart> =>
  scratches
    .filter((s) => s.checkpoint === undefined || s.checkpoint < through)
    .map((s) => ({
      projection: s.projection,
      schema: s.schema,
      from: s.checkpoint,
      to: through,
      events: events.filter(
        (e) =>
          (s.checkpoint === undefined || e.globalPosition > s.checkpoint) &&
          wants(s.projection.filter, e.streamName),
      ),
    }));

/**
 * Each projection's share in its own transaction (with its own checkpoint), all at once: while
 * the database runs one projection's statements, this process builds the next one's, and on a
 * server the transactions use several connections. Resuming copes with scratches left at
 * different checkpoints.
 */
const applyEach = async (
  client: SqlClient,
  parts: ReadonlyArray<BatchPart>,
): Promise<BatchOutcome> => {
  const outcomes = await Promise.allSettled(
    parts.map((part) => applyInOneTransaction(client, [part], { lazyCommit: true })),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return (
    outcomes
      .map((o) => (o as PromiseFulfilledResult<BatchOutcome>).value)
      .find((o) => o.kind === 'moved') ?? { kind: 'applied' }
  );
};

/**
 * One pass over the log, from the earliest scratch checkpoint to the head, feeding every scratch:
 * each page is decoded once, only its events that some projection reads, and applied to every
 * scratch with its checkpoint (`applyEach`). Three stages overlap: the next page is
 * read and decoded while the previous transaction commits (transactions stay one at a time, in
 * order, each starting from the checkpoints the previous one wrote).
 */
export const buildFromLog = async (
  options: BuildOptions,
): Promise<E.Either<BuildError, ReadonlyArray<Scratch>>> => {
  let scratches = options.scratches;
  let pending: { outcome: Promise<BatchOutcome>; report: () => Promise<void> } | undefined;

  const settle = async (): Promise<BuildError | undefined> => {
    if (pending === undefined) return undefined;
    const { outcome, report } = pending;
    pending = undefined;
    const settled = await outcome;
    if (settled.kind === 'moved')
      return { kind: 'RebuildFailed', message: `another rebuild of ${settled.name} is running` };
    await report();
    return undefined;
  };
  const abandon = async () => {
    await pending?.outcome.catch(() => undefined);
    pending = undefined;
  };

  const pages = logPages(options.store, {
    after: earliest(scratches),
    pageSize: options.batchSize,
  });
  try {
    for await (const page of pages) {
      if (E.isLeft(page)) return page;
      const { events, through, head } = page.right;
      if (through === undefined) continue;
      const decoded = toProjectedEvents(
        events.filter((e) => scratches.some((s) => wants(s.projection.filter, e.streamName))),
      );
      const failed = await settle();
      if (failed !== undefined) return E.left(failed);
      if (E.isLeft(decoded)) return decoded;
      const parts = partsOf(scratches, decoded.right, through);
      pending = {
        outcome: applyEach(options.client, parts),
        report: () => options.onBatch(events.length, through, head),
      };
      scratches = scratches.map((s) => ({ ...s, checkpoint: laterOf(s.checkpoint, through) }));
    }
    const failed = await settle();
    return failed === undefined ? E.right(scratches) : E.left(failed);
  } finally {
    await abandon();
  }
};
