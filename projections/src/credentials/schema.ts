/**
 * The credentials table lives outside the event log and outside the read models: it cannot be
 * rebuilt from events (secrets never enter the log), so it has a schema of its own that no
 * read-model rebuild touches. Only hashes are stored: a row is useless to whoever reads it.
 */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export const defaultCredentialsSchema = 'credentials';

/** Schema names are written into SQL as they are, so only plain lower-case identifiers pass. */
export const assertCredentialsSchema = (schema: string): void => {
  if (!schemaNamePattern.test(schema))
    throw new Error(`credentials schema "${schema}" must be a lower-case identifier`);
};

export const credentialsDdl = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.api_tokens (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS api_tokens_of_user ON ${schema}.api_tokens (account_id, user_id);
`;
