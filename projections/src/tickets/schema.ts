/**
 * One row per ticket, its current state. `fillfactor` leaves room on each page so that the many
 * updates a ticket gets (comments, status) stay on its page and skip the indexes (HOT updates).
 */
export const ticketsSchema = `
CREATE TABLE IF NOT EXISTS tickets (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  subject text NOT NULL,
  status text NOT NULL,
  archived boolean NOT NULL,
  requester_id uuid NOT NULL,
  original_requester_id uuid NOT NULL,
  submitter_id uuid NOT NULL,
  organization_id uuid,
  collaborator_ids uuid[] NOT NULL,
  channel text NOT NULL,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
) WITH (fillfactor = 80);
`;

/** The readers' indexes: tickets of a requester, of an organization, where someone is CC'd. */
export const ticketsIndexes = `
CREATE INDEX IF NOT EXISTS tickets_by_requester ON tickets (requester_id, created_position);
CREATE INDEX IF NOT EXISTS tickets_by_organization ON tickets (organization_id, created_position)
  WHERE organization_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS tickets_by_collaborator ON tickets USING gin (collaborator_ids);
`;
