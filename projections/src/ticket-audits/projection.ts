import { isTicketEvent, type ProjectedOf } from '../read-model/events';
import { appendBatch } from '../read-model/append-batch';
import { column } from '../read-model/multi-row';
import { applyByBatch, type Projection } from '../runtime/projection';
import type { TicketEvent } from '@helpdesk/events';
import { auditEventsOf, relOf } from './audit-events';
import { ticketAuditsIndexes, ticketAuditsSchema } from './schema';

type Ticket = ProjectedOf<TicketEvent>;

const auditColumns = [
  column<Ticket>('ticket_id', 'uuid', (e) => e.event.data.ticket_id),
  column<Ticket>('stream_revision', 'bigint', (e) => e.revision),
  column<Ticket>('global_position', 'bigint', (e) => e.globalPosition),
  column<Ticket>('event_id', 'uuid', (e) => e.eventId),
  column<Ticket>('account_id', 'uuid', (e) => e.metadata.account_id),
  column<Ticket>('event_type', 'text', (e) => e.event.type),
  column<Ticket>('created_at', 'timestamptz', (e) => e.metadata.occurred_at),
  column<Ticket>('author_id', 'uuid', (e) => e.metadata.actor.id),
  column<Ticket>('actor_type', 'text', (e) => e.metadata.actor.type),
  column<Ticket>('channel', 'text', (e) => e.metadata.via.channel),
  column<Ticket>('rel', 'text', (e) => relOf(e.event, e.metadata.via.rel)),
  column<Ticket>('correlation_id', 'text', (e) => e.metadata.correlation_id),
  column<Ticket>('causation_id', 'text', (e) => e.metadata.causation_id),
  column<Ticket>('events', 'jsonb', (e) => auditEventsOf(e.event)),
];

const auditsBatch = appendBatch('ticket_audits', auditColumns, isTicketEvent);

/**
 * `ticket_audits`: one audit per ticket event (not per command), so that an audit is exactly one
 * entry of the log (its event id, revision and position) and the table is only ever appended to:
 * one COPY per batch.
 */
export const ticketAuditsProjection: Projection = {
  name: 'ticket_audits',
  filter: { streamPrefixes: ['ticket-'] },
  tables: ['ticket_audits'],
  schema: ticketAuditsSchema,
  indexes: ticketAuditsIndexes,
  apply: applyByBatch(auditsBatch),
  batch: auditsBatch,
};
