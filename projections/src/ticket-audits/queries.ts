import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { pageOf, pageSizeOf, type Page, type PageRequest } from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, IsoTimestamp, nullable } from '../read-model/row-codecs';
import { AuditEvent } from './audit-events';

const AuditRecord = t.type({
  event_id: t.string,
  ticket_id: t.string,
  stream_revision: BigIntFromText,
  global_position: BigIntFromText,
  event_type: t.string,
  created_at: IsoTimestamp,
  author_id: nullable(t.string),
  actor_type: t.string,
  channel: t.string,
  rel: nullable(t.string),
  correlation_id: t.string,
  causation_id: nullable(t.string),
  events: t.array(AuditEvent),
});
type AuditRecord = t.TypeOf<typeof AuditRecord>;

/**
 * One audit exactly as `GET /api/v2/tickets/{id}/audits` serves it (snake_case, JSON-ready):
 * one ticket event with who, how, why and where it sits in the log.
 */
export interface TicketAudit {
  /** the event's id */
  readonly id: string;
  readonly ticket_id: string;
  readonly created_at: string;
  /** the acting user; null for the system (a process manager) and operators */
  readonly author_id: string | null;
  readonly via: { readonly channel: string; readonly source: { readonly rel: string | null } };
  readonly metadata: {
    readonly event_id: string;
    readonly event_type: string;
    readonly actor_type: string;
    readonly correlation_id: string;
    readonly causation_id: string | null;
    /** counts from 0, the ticket's first event */
    readonly stream_revision: number;
    readonly global_position: number;
  };
  readonly events: ReadonlyArray<AuditEvent>;
}

const toAudit = (r: AuditRecord): TicketAudit => ({
  id: r.event_id,
  ticket_id: r.ticket_id,
  created_at: r.created_at,
  author_id: r.author_id,
  via: { channel: r.channel, source: { rel: r.rel } },
  metadata: {
    event_id: r.event_id,
    event_type: r.event_type,
    actor_type: r.actor_type,
    correlation_id: r.correlation_id,
    causation_id: r.causation_id,
    stream_revision: Number(r.stream_revision),
    global_position: Number(r.global_position),
  },
  events: r.events,
});

const auditColumns = `event_id, ticket_id, stream_revision::text AS stream_revision,
  global_position::text AS global_position, event_type, created_at, author_id, actor_type, channel,
  rel, correlation_id, causation_id, events`;

/** The revision after which a page starts: none before the first page (revisions count from 0). */
const afterRevisionOf = (request: PageRequest): string =>
  request.after !== undefined && /^\d{1,19}$/.test(request.after) ? request.after : '-1';

/** A ticket's audits, oldest first; an unknown ticket, or one of another account, has none. */
export const ticketAudits = (
  session: SqlSession,
  accountId: string,
  ticketId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketAudit>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectRows(AuditRecord, 'ticket audits')(
      session,
      `SELECT ${auditColumns} FROM ticket_audits
       WHERE ticket_id = $1 AND account_id = $2 AND stream_revision > $3::bigint
       ORDER BY ticket_audits.stream_revision LIMIT $4`,
      [ticketId, accountId, afterRevisionOf(request), size + 1],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.stream_revision, toAudit)),
  );
};

/** One audit of a ticket, by its id (the event's id). */
export const findTicketAudit = (
  session: SqlSession,
  accountId: string,
  ticketId: string,
  auditId: string,
): TE.TaskEither<ReadModelError, O.Option<TicketAudit>> =>
  pipe(
    selectOne(AuditRecord, 'ticket audits')(
      session,
      `SELECT ${auditColumns} FROM ticket_audits
       WHERE ticket_id = $1 AND account_id = $2 AND event_id = $3`,
      [ticketId, accountId, auditId],
    ),
    TE.map(O.map(toAudit)),
  );
