/** One row per integration of an account (R4.5): who authorised it, and whether it works. */
export const integrationsSchema = `
CREATE TABLE IF NOT EXISTS integrations (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  name text NOT NULL,
  authorized_by_id uuid NOT NULL,
  status text NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS integrations_by_account ON integrations (account_id, created_position);
`;
