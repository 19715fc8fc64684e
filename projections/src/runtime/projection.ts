import type { DomainEvent, EventMetadata } from '@helpdesk/events';
import type { EventFilter, SqlSession } from '@helpdesk/event-store';

/** An event as a projection sees it: decoded, with where it sits in the log. */
export interface ProjectedEvent {
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly recordedAt: Date;
}

/**
 * Events gathered for one transaction: added as they are read, written at once. Adding does no
 * I/O, so a rebuild gathers each page into every projection's batch as soon as it has decoded it.
 */
export interface Batch {
  readonly add: (events: ReadonlyArray<ProjectedEvent>) => void;
  /** writes what was added (nothing when nothing was), once: the batch is spent after */
  readonly write: (session: SqlSession) => Promise<void>;
}

/** What a batch will be written through: whether its sessions take COPY (PostgreSQL over `pg`). */
export interface BatchTarget {
  readonly copies: boolean;
}

/**
 * One read model: the tables it owns and how a batch of events changes them. The runtime calls
 * `apply` inside a transaction that also records the projection's checkpoint, so a batch is applied
 * exactly once. Handlers write unqualified table names: the runtime sets `search_path` to the schema
 * being written (the live one, or a fresh one during a rebuild, which is then swapped in).
 */
export interface Projection {
  /** stable name: `tickets`, `ticket_audits`, ... used for checkpoints, `helpdesk rebuild <name>` and lag */
  readonly name: string;
  /** which events it reads; the runtime skips the rest without decoding them */
  readonly filter: EventFilter;
  /** the tables it owns, created by `schema` and swapped as a whole by a rebuild */
  readonly tables: ReadonlyArray<string>;
  /** SQL creating its tables, and the indexes `apply` needs, in the current `search_path` (idempotent) */
  readonly schema: string;
  /**
   * SQL creating the indexes only readers use (idempotent), run after `schema`. A rebuild creates
   * them once its tables are loaded: one sort per index instead of an index entry per row written.
   */
  readonly indexes?: string;
  /**
   * analyst views over its tables (may be absent), run after every swap with `search_path` at the
   * live schema: write them `CREATE OR REPLACE VIEW`, they may have been dropped with a table
   */
  readonly views?: string;
  /**
   * bump it when `apply` writes different rows for the same events: the live tables then count as
   * stale (`installReadModels` reports them) and an interrupted rebuild starts over instead of resuming
   */
  readonly version?: number;
  readonly apply: (session: SqlSession, events: ReadonlyArray<ProjectedEvent>) => Promise<void>;
  /**
   * `apply` in two halves, for a read model whose rows follow from its events alone: a new batch,
   * and `apply` is adding the events to one and writing it (`applyByBatch`). A rebuild adds each
   * page to the batch as soon as it has read it, so what it keeps of the page is the batch (rows
   * folded, or encoded for COPY), not the decoded events, and a projection behind the reader
   * writes every page gathered meanwhile in one transaction.
   */
  readonly batch?: (target: BatchTarget) => Batch;
}

/** `apply` for a projection with `batch`: one batch of the events, written. */
export const applyByBatch =
  (open: (target: BatchTarget) => Batch): Projection['apply'] =>
  (session, events) => {
    const batch = open({ copies: session.copyFrom !== undefined });
    batch.add(events);
    return batch.write(session);
  };

/** A projection's batch: its own, or, without `batch`, its events kept for `apply`. */
export const openBatch = (projection: Projection, target: BatchTarget): Batch => {
  if (projection.batch !== undefined) return projection.batch(target);
  const events: ProjectedEvent[] = [];
  return {
    add: (added) => {
      for (const event of added) events.push(event);
    },
    write: (session) =>
      events.length === 0 ? Promise.resolve() : projection.apply(session, events),
  };
};
