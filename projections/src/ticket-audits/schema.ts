/**
 * One row per ticket event, append-only: the audit trail of `GET /api/v2/tickets/{id}/audits`.
 * `events` holds the audit's events as JSON so that analysts can query them too.
 */
export const ticketAuditsSchema = `
CREATE TABLE IF NOT EXISTS ticket_audits (
  ticket_id uuid NOT NULL,
  stream_revision bigint NOT NULL,
  global_position bigint NOT NULL,
  event_id uuid NOT NULL,
  account_id uuid NOT NULL,
  event_type text NOT NULL,
  created_at timestamptz NOT NULL,
  author_id uuid,
  actor_type text NOT NULL,
  channel text NOT NULL,
  rel text,
  correlation_id text NOT NULL,
  causation_id text,
  events jsonb NOT NULL
);
`;

/**
 * A ticket's audits in order, one per revision. Only readers need it (the table is only appended
 * to, each event once, by the checkpoint in the same transaction), so a rebuild builds it once its
 * rows are in: one sort instead of a million inserts at random places of an index.
 */
export const ticketAuditsIndexes = `
CREATE UNIQUE INDEX IF NOT EXISTS ticket_audits_by_ticket
  ON ticket_audits (ticket_id, stream_revision);
`;
