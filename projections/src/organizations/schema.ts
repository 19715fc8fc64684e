/** One row per organization; a removed one stays, flagged, so that old tickets still name it. */
export const organizationsSchema = `
CREATE TABLE IF NOT EXISTS organizations (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  name text NOT NULL,
  domain_names text[] NOT NULL,
  removed boolean NOT NULL,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS organizations_by_account ON organizations (account_id, created_position);
CREATE INDEX IF NOT EXISTS organizations_by_name ON organizations (account_id, lower(name));
CREATE INDEX IF NOT EXISTS organizations_by_domain ON organizations USING gin (domain_names);
`;
