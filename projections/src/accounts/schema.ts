/**
 * One row per account (its settings as the `AccountSettings` JSON of the events), and the history
 * of owner transfers, append-only (R4.1-R4.3). Admins are the users whose role is admin.
 */
export const accountsSchema = `
CREATE TABLE IF NOT EXISTS accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL,
  owner_id uuid NOT NULL,
  default_organization_id uuid NOT NULL,
  settings jsonb NOT NULL,
  version bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS account_owner_transfers (
  account_id uuid NOT NULL,
  global_position bigint NOT NULL,
  event_id uuid NOT NULL,
  previous_owner_id uuid NOT NULL,
  owner_id uuid NOT NULL,
  transferred_by uuid,
  correlation_id text NOT NULL,
  transferred_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, global_position)
);
`;
