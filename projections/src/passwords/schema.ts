/**
 * Portal secrets (R6.8), in the credentials schema beside the API tokens and for the same reasons:
 * they cannot be rebuilt from events, so no read-model rebuild touches them, and only hashes are
 * kept. A row is useless to whoever reads it: a password is an scrypt hash with its salt and
 * parameters, a reset link and a session are the SHA-256 of a 256-bit random token.
 */
export const portalCredentialsDdl = (schema: string): string => `
CREATE TABLE IF NOT EXISTS ${schema}.passwords (
  user_id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  algorithm text NOT NULL CHECK (algorithm = 'scrypt'),
  salt text NOT NULL,
  cost integer NOT NULL,
  block_size integer NOT NULL,
  parallelization integer NOT NULL,
  hash text NOT NULL,
  set_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.password_resets (
  reset_id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  user_id uuid NOT NULL,
  started boolean NOT NULL,
  requested_at timestamptz NOT NULL,
  token_hash text UNIQUE,
  issued_at timestamptz,
  expires_at timestamptz,
  used_at timestamptz,
  CHECK ((token_hash IS NULL) = (expires_at IS NULL))
);
CREATE INDEX IF NOT EXISTS password_resets_waiting_for_a_link
  ON ${schema}.password_resets (account_id, user_id, requested_at) WHERE token_hash IS NULL;
CREATE TABLE IF NOT EXISTS ${schema}.portal_sessions (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_sessions_of_user ON ${schema}.portal_sessions (user_id);
`;
