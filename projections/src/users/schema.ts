/**
 * Users with their identities and organization memberships. A membership is the default one when
 * its organization is the user's `default_organization_id`. Identities keep `normalized_value`
 * (emails compared case-insensitively, R5.2) and, for emails, `email_domain` for R1.4 searches.
 */
export const usersSchema = `
CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  role text NOT NULL,
  status text NOT NULL,
  merged_into_id uuid,
  merge_completed boolean NOT NULL,
  verified boolean NOT NULL,
  source text NOT NULL,
  name text NOT NULL,
  email text,
  phone text,
  external_id text,
  locale text,
  time_zone text,
  photo_url text,
  details text,
  notes text,
  tags text[] NOT NULL,
  user_fields jsonb NOT NULL,
  default_organization_id uuid,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_account ON users (account_id, created_position);
CREATE INDEX IF NOT EXISTS users_by_role ON users (account_id, role) WHERE role <> 'end-user';

CREATE TABLE IF NOT EXISTS user_identities (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  account_id uuid NOT NULL,
  type text NOT NULL,
  value text NOT NULL,
  normalized_value text NOT NULL,
  email_domain text,
  verified boolean NOT NULL,
  is_primary boolean NOT NULL,
  position bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS user_identities_by_user ON user_identities (user_id, position);
CREATE INDEX IF NOT EXISTS user_identities_by_value
  ON user_identities (account_id, type, normalized_value);
CREATE INDEX IF NOT EXISTS user_identities_by_email_domain
  ON user_identities (account_id, email_domain) WHERE email_domain IS NOT NULL;

CREATE TABLE IF NOT EXISTS organization_memberships (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  account_id uuid NOT NULL,
  primary_contact boolean NOT NULL,
  position bigint NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS organization_memberships_by_user
  ON organization_memberships (user_id, position);
CREATE INDEX IF NOT EXISTS organization_memberships_by_organization
  ON organization_memberships (organization_id, position);
`;
