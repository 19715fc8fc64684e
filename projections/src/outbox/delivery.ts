import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { CredentialsUnavailable } from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import { selectRows } from '../read-model/query';
import { BigIntFromText, Int, nullable } from '../read-model/row-codecs';
import { assertOutboxSchema, defaultOutboxSchema } from './schema';
import { outboxUnavailable } from './unavailable';

const ClaimedRecord = t.type({
  id: t.string,
  seq: BigIntFromText,
  account_id: t.string,
  recipient: t.string,
  subject: t.string,
  body: t.string,
  ticket_id: nullable(t.string),
  user_id: nullable(t.string),
  attempts: Int,
});

/** A queued mail a sender holds for one attempt. */
export interface ClaimedEmail {
  readonly id: string;
  readonly accountId: string;
  readonly to: string;
  readonly subject: string;
  /** as kept: secret snippets are still placeholders */
  readonly body: string;
  readonly ticketId: string | null;
  readonly userId: string | null;
  /** the number of this attempt, from 1 */
  readonly attempts: number;
  readonly claimToken: string;
}

export interface ClaimRequest {
  readonly now: Date;
  /** the claim lapses then: a sender that died lets its mails go */
  readonly leaseUntil: Date;
  readonly limit: number;
  /** new for each claim: only its holder may schedule a retry or give up */
  readonly claimToken: string;
}

type Outcome<A> = TE.TaskEither<CredentialsUnavailable, A>;

/** What the mail sender does with the outbox. */
export interface OutboxDelivery {
  /** the due mails nobody holds, oldest first, held now by this claim */
  readonly claimDue: (request: ClaimRequest) => Outcome<ReadonlyArray<ClaimedEmail>>;
  /** the server took it; false when it was marked already */
  readonly markSent: (email: ClaimedEmail, at: Date) => Outcome<boolean>;
  readonly retryLater: (email: ClaimedEmail, dueAt: Date, error: string) => Outcome<boolean>;
  readonly markFailed: (email: ClaimedEmail, error: string) => Outcome<boolean>;
  /** gives back a claimed mail not attempted after all (the sender is stopping) */
  readonly release: (email: ClaimedEmail) => Outcome<boolean>;
}

/** last errors are shown to admins; a server's long answer is cut */
const maxErrorLength = 500;

export const sqlOutboxDelivery = (
  session: SqlSession,
  schema = defaultOutboxSchema,
): OutboxDelivery => {
  assertOutboxSchema(schema);
  const changed = (what: string, text: string, params: unknown[]): Outcome<boolean> =>
    TE.tryCatch(async () => {
      const { rows } = await session.query(text, params);
      return rows.length > 0;
    }, outboxUnavailable(what));
  return {
    /**
     * One statement claims: `FOR UPDATE SKIP LOCKED` makes competing senders take different rows,
     * and a row another sender claimed a moment before is re-checked and left out (its lease is
     * set), so two senders never hold one mail at once.
     */
    claimDue: ({ now, leaseUntil, limit, claimToken }) =>
      pipe(
        selectRows(ClaimedRecord, 'due emails')(
          session,
          `UPDATE ${schema}.emails
           SET claimed_until = $2, claim_token = $3, attempts = attempts + 1
           WHERE id IN (
             SELECT id FROM ${schema}.emails
             WHERE status = 'queued' AND next_attempt_at <= $1
               AND (claimed_until IS NULL OR claimed_until <= $1)
             ORDER BY next_attempt_at, seq
             LIMIT $4
             FOR UPDATE SKIP LOCKED)
           RETURNING id::text AS id, seq::text AS seq, account_id::text AS account_id, recipient,
             subject, body, ticket_id::text AS ticket_id, user_id::text AS user_id, attempts`,
          [now.toISOString(), leaseUntil.toISOString(), claimToken, limit],
        ),
        TE.mapLeft((error) => outboxUnavailable('claim due emails')(error.message)),
        TE.map((rows) =>
          [...rows]
            .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))
            .map((r) => ({
              id: r.id,
              accountId: r.account_id,
              to: r.recipient,
              subject: r.subject,
              body: r.body,
              ticketId: r.ticket_id,
              userId: r.user_id,
              attempts: r.attempts,
              claimToken,
            })),
        ),
      ),
    // handed to the server is sent, whoever holds the claim now
    markSent: (email, at) =>
      changed(
        'mark an email sent',
        `UPDATE ${schema}.emails
         SET status = 'sent', sent_at = $2, last_error = NULL, claimed_until = NULL,
           claim_token = NULL
         WHERE id = $1 AND status = 'queued' RETURNING id`,
        [email.id, at.toISOString()],
      ),
    retryLater: (email, dueAt, error) =>
      changed(
        'schedule a retry',
        `UPDATE ${schema}.emails
         SET next_attempt_at = $3, last_error = $4, claimed_until = NULL, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'queued' RETURNING id`,
        [email.id, email.claimToken, dueAt.toISOString(), error.slice(0, maxErrorLength)],
      ),
    markFailed: (email, error) =>
      changed(
        'mark an email failed',
        `UPDATE ${schema}.emails
         SET status = 'failed', last_error = $3, claimed_until = NULL, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'queued' RETURNING id`,
        [email.id, email.claimToken, error.slice(0, maxErrorLength)],
      ),
    release: (email) =>
      changed(
        'release an email',
        `UPDATE ${schema}.emails
         SET claimed_until = NULL, claim_token = NULL, attempts = attempts - 1
         WHERE id = $1 AND claim_token = $2 AND status = 'queued' RETURNING id`,
        [email.id, email.claimToken],
      ),
  };
};
