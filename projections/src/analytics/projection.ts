import type { TicketEvent } from '@helpdesk/events';
import { isTicketEvent, type ProjectedOf } from '../read-model/events';
import { appendBatch } from '../read-model/append-batch';
import { column } from '../read-model/multi-row';
import { applyByBatch, type Projection, type ProjectedEvent } from '../runtime/projection';
import { analyticsIndexes, analyticsSchema, analyticsViews } from './schema';

type RequesterChange = ProjectedOf<Extract<TicketEvent, { type: 'RequesterChanged' }>>;

const isRequesterChange = (e: ProjectedEvent): e is RequesterChange =>
  isTicketEvent(e) && e.event.type === 'RequesterChanged';

const changeColumns = [
  column<RequesterChange>('global_position', 'bigint', (e) => e.globalPosition),
  column<RequesterChange>('event_id', 'uuid', (e) => e.eventId),
  column<RequesterChange>('account_id', 'uuid', (e) => e.metadata.account_id),
  column<RequesterChange>('ticket_id', 'uuid', (e) => e.event.data.ticket_id),
  column<RequesterChange>(
    'previous_requester_id',
    'uuid',
    (e) => e.event.data.previous_requester_id,
  ),
  column<RequesterChange>('requester_id', 'uuid', (e) => e.event.data.requester_id),
  column<RequesterChange>('reason', 'text', (e) => e.event.data.reason),
  column<RequesterChange>('actor_type', 'text', (e) => e.metadata.actor.type),
  column<RequesterChange>('actor_id', 'uuid', (e) => e.metadata.actor.id),
  column<RequesterChange>('channel', 'text', (e) => e.metadata.via.channel),
  column<RequesterChange>('rel', 'text', (e) => e.metadata.via.rel),
  column<RequesterChange>('correlation_id', 'text', (e) => e.metadata.correlation_id),
  column<RequesterChange>('changed_at', 'timestamptz', (e) => e.metadata.occurred_at),
];

const requesterChangesBatch = appendBatch(
  'analytics_requester_changes',
  changeColumns,
  isRequesterChange,
);

/**
 * `analytics`: the requester changes as typed rows, and the analyst views (schema.ts). Only
 * `RequesterChanged` events are written; the rest of the ticket streams is skipped.
 */
export const analyticsProjection: Projection = {
  name: 'analytics',
  filter: { streamPrefixes: ['ticket-'] },
  tables: ['analytics_requester_changes'],
  schema: analyticsSchema,
  indexes: analyticsIndexes,
  views: analyticsViews,
  apply: applyByBatch(requesterChangesBatch),
  batch: requesterChangesBatch,
};
