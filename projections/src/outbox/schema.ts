import type { SqlSession } from '@helpdesk/event-store';

/**
 * The mail outbox lives outside the read models, like the credentials: its rows are effects of
 * events (a welcome email, a trigger's mail), not a fold of them, and a mail's delivery state
 * (sent, attempts) cannot be rebuilt from the log. So it has a schema of its own that no read-model
 * rebuild touches. No secret is ever stored in it: a body that needs a password link keeps the
 * placeholder (R6.8).
 */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export const defaultOutboxSchema = 'outbox';

/** Schema names are written into SQL as they are, so only plain lower-case identifiers pass. */
export const assertOutboxSchema = (schema: string): void => {
  if (!schemaNamePattern.test(schema))
    throw new Error(`outbox schema "${schema}" must be a lower-case identifier`);
};

export const outboxStatuses = ['queued', 'sent', 'suppressed', 'failed'] as const;

/**
 * `seq` orders the listing (cursor pagination); `id` is derived from the mail's cause, so a second
 * enqueue of the same mail adds nothing. A queued mail is due from `next_attempt_at`; a sender that
 * claims it holds it until `claimed_until` (a lease: a sender that dies lets it go again).
 */
export const outboxDdl = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.emails (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  account_id uuid NOT NULL,
  recipient text NOT NULL,
  template_id uuid,
  subject text NOT NULL,
  body text NOT NULL,
  ticket_id uuid,
  user_id uuid,
  causation_id text NOT NULL,
  status text NOT NULL CHECK (status IN (${outboxStatuses.map((s) => `'${s}'`).join(', ')})),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  claim_token uuid,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS emails_of_account ON ${schema}.emails (account_id, seq);
CREATE INDEX IF NOT EXISTS emails_due ON ${schema}.emails (next_attempt_at, seq)
  WHERE status = 'queued';
`;

/** Creates the outbox schema and table if they are missing. */
export const installOutbox = async (
  session: SqlSession,
  schema = defaultOutboxSchema,
): Promise<void> => {
  assertOutboxSchema(schema);
  await session.exec(outboxDdl(schema));
};
