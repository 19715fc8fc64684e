import type {
  Channel,
  TicketEvent,
  TicketStatus,
  TriggerEventType,
  Uuid,
  Via,
} from '@helpdesk/events';
import { evolve, type ExistingTicket, type Ticket } from '../ticket/state';

/** The ticket properties trigger conditions test (R6.5), as they are after a change. */
export interface TicketProperties {
  readonly id: Uuid;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly organizationId: Uuid | null;
  readonly requesterId: Uuid;
  readonly channel: Channel;
  readonly tags: ReadonlyArray<string>;
}

export const propertiesOf = (ticket: ExistingTicket): TicketProperties => ({
  id: ticket.id,
  subject: ticket.subject,
  status: ticket.status,
  organizationId: ticket.organizationId,
  requesterId: ticket.requesterId,
  channel: ticket.channel,
  tags: ticket.tags,
});

/** `via.rel` of the events a user merge appends (R3.6). */
export const mergeRel = 'merge';
/** `via.rel` of the events a trigger's actions append. */
export const triggerRel = 'trigger';
/**
 * `via.rel` of what an automatic mail records (an out-of-office reply, a bounce, a list's
 * message: RFC 3834). It is recorded like any mail, but answering it by mail is how mail loops
 * start, so it runs no trigger.
 */
export const automaticMailRel = 'automatic_mail';

/** One change of one ticket: the events of one append, as triggers see it. */
export interface TicketChange {
  readonly event: TriggerEventType;
  readonly ticket: TicketProperties;
  /** why the change happened beyond the command: `merge`, `trigger`, ... or null */
  readonly rel: string | null;
}

/**
 * The change that `events` (one append to one ticket's stream) made to a ticket that was `before`
 * (`{ exists: false }` for a new one); null when they leave no ticket. A requester change with
 * reason `merge` marks the change as a merge's even if its metadata forgot to.
 */
export const ticketChangeOf = (
  before: Ticket,
  events: ReadonlyArray<TicketEvent>,
  via: Pick<Via, 'rel'>,
): TicketChange | null => {
  const after = events.reduce(evolve, before);
  if (!after.exists || events.length === 0) return null;
  const mergeCaused = events.some(
    (e) => e.type === 'RequesterChanged' && e.data.reason === 'merge',
  );
  return {
    event: events.some((e) => e.type === 'TicketCreated') ? 'ticket_created' : 'ticket_updated',
    ticket: propertiesOf(after),
    rel: mergeCaused ? mergeRel : via.rel,
  };
};

/**
 * Whether a change runs triggers at all. R3.6: a merge's changes never do. Settled here: neither do
 * the changes a trigger's own actions make, so that triggers cannot set each other off forever;
 * every trigger already saw the change that set them running; nor what an automatic mail records.
 */
export const runsTriggers = (change: Pick<TicketChange, 'rel'>): boolean =>
  change.rel !== mergeRel && change.rel !== triggerRel && change.rel !== automaticMailRel;
