import type { EventMetadata, TicketEvent } from '@helpdesk/events';

/**
 * One event of a ticket's stream as an auditor reads it: the fact, its envelope (actor, channel,
 * reason `via.rel`, correlation and causation ids, when it happened), and where it sits in the log.
 * A projected event of the ticket has this shape too.
 */
export interface TicketHistoryEntry {
  readonly event: TicketEvent;
  readonly metadata: EventMetadata;
  readonly eventId: string;
  /** its place in the ticket's stream, from 0 */
  readonly revision: bigint;
  /** its place in the whole log */
  readonly globalPosition: bigint;
  /** when the store recorded it; `metadata.occurred_at` says when it happened */
  readonly recordedAt: Date;
}
