import * as TE from 'fp-ts/TaskEither';
import { systemClock, type Clock, type Outbox, type QueuedEmail } from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import { isUndeliverableAddress } from '@helpdesk/events';
import { assertOutboxSchema, defaultOutboxSchema } from './schema';
import { outboxUnavailable } from './unavailable';

export interface PgOutboxOptions {
  /** `outbox` when absent */
  readonly schema?: string;
  /** stamps `created_at` and makes a new mail due at once; the system clock when absent */
  readonly clock?: Clock;
}

const columnsPerRow = 11;
/** PostgreSQL takes at most 65,535 parameters per statement */
const rowsPerInsert = 1000;

const rowOf = (email: QueuedEmail, now: string): ReadonlyArray<unknown> => [
  email.id,
  email.accountId,
  email.to,
  email.templateId,
  email.subject,
  email.body,
  email.ticketId,
  email.userId,
  email.causationId,
  // R5.3: kept, so that nobody wonders where the mail went, but never sent
  isUndeliverableAddress(email.to) ? 'suppressed' : 'queued',
  now,
];

/**
 * The `Outbox` port on PostgreSQL. Exactly once: a mail's id comes from its cause, and a mail whose
 * id is there already is left as it is (`ON CONFLICT (id) DO NOTHING`), whatever its state.
 */
export const pgOutbox = (session: SqlSession, options: PgOutboxOptions = {}): Outbox => {
  const schema = options.schema ?? defaultOutboxSchema;
  assertOutboxSchema(schema);
  const clock = options.clock ?? systemClock;
  const insert = async (emails: ReadonlyArray<QueuedEmail>) => {
    const now = clock.now().toISOString();
    for (let start = 0; start < emails.length; start += rowsPerInsert) {
      const chunk = emails.slice(start, start + rowsPerInsert);
      const tuples = chunk.map((_, row) => {
        const first = row * columnsPerRow;
        const ps = Array.from({ length: columnsPerRow }, (__, column) => `$${first + column + 1}`);
        // the last parameter is the time: created, and due from then
        return `(${ps.join(', ')}, $${first + columnsPerRow})`;
      });
      await session.query(
        `INSERT INTO ${schema}.emails (id, account_id, recipient, template_id, subject, body,
           ticket_id, user_id, causation_id, status, created_at, next_attempt_at)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (id) DO NOTHING`,
        chunk.flatMap((email) => rowOf(email, now)),
      );
    }
  };
  return {
    enqueue: (emails) =>
      emails.length === 0
        ? TE.right(undefined)
        : TE.tryCatch(() => insert(emails), outboxUnavailable('queue emails')),
  };
};
