import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectRows, type ReadModelError } from '../read-model/query';
import { BigIntFromText, Int, IsoTimestamp, nullable, oneOf } from '../read-model/row-codecs';
import { assertOutboxSchema, defaultOutboxSchema, outboxStatuses } from './schema';

const OutboxStatus = oneOf(outboxStatuses, 'OutboxStatus');
export type OutboundEmailStatus = t.TypeOf<typeof OutboxStatus>;

const OutboundEmailRecord = t.type({
  id: t.string,
  seq: BigIntFromText,
  recipient: t.string,
  template_id: nullable(t.string),
  subject: t.string,
  body: t.string,
  status: OutboxStatus,
  ticket_id: nullable(t.string),
  user_id: nullable(t.string),
  attempts: Int,
  last_error: nullable(t.string),
  created_at: IsoTimestamp,
  sent_at: nullable(IsoTimestamp),
});
type OutboundEmailRecord = t.TypeOf<typeof OutboundEmailRecord>;

/** A mail of the outbox as `GET /api/v2/outbound_emails` serves it, its body as kept (placeholders in). */
export interface OutboundEmailView {
  readonly id: string;
  readonly to: string;
  readonly templateId: string | null;
  readonly subject: string;
  /** secret snippets are still placeholders here: whoever shows it redacts them */
  readonly body: string;
  readonly status: OutboundEmailStatus;
  readonly ticketId: string | null;
  readonly userId: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

const toView = (r: OutboundEmailRecord): OutboundEmailView => ({
  id: r.id,
  to: r.recipient,
  templateId: r.template_id,
  subject: r.subject,
  body: r.body,
  status: r.status,
  ticketId: r.ticket_id,
  userId: r.user_id,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** The account's mails, oldest first. */
export const listOutboundEmails = (
  session: SqlSession,
  accountId: string,
  request: PageRequest = {},
  schema = defaultOutboxSchema,
): TE.TaskEither<ReadModelError, Page<OutboundEmailView>> => {
  assertOutboxSchema(schema);
  const size = pageSizeOf(request);
  return pipe(
    selectRows(OutboundEmailRecord, 'outbound emails')(
      session,
      `SELECT id::text AS id, seq::text AS seq, recipient, template_id::text AS template_id,
         subject, body, status, ticket_id::text AS ticket_id, user_id::text AS user_id, attempts,
         last_error, created_at, sent_at
       FROM ${schema}.emails
       WHERE account_id = $1 AND seq > $2::bigint
       ORDER BY seq LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.seq, toView)),
  );
};
