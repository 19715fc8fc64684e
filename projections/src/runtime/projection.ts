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
}
