/**
 * Inbound email keys (`X-Inbound-Key`), in the credentials schema: secrets never enter the event
 * log and cannot be rebuilt from it, so no read-model rebuild touches them. Unlike the other
 * secrets the key is also kept in clear, because admins read it again to configure their mail
 * gateway (`GET /api/v2/channels/email`); requests are matched by its SHA-256.
 */
export const inboundKeysDdl = (schema: string): string => `
CREATE TABLE IF NOT EXISTS ${schema}.inbound_keys (
  account_id uuid PRIMARY KEY,
  key text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
`;
