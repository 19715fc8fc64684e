/**
 * One row per ticket trigger of an account (R6.5): its definition as the events hold it
 * (conditions and actions in the log's JSON), whether it is active, and where it runs.
 */
export const triggersSchema = `
CREATE TABLE IF NOT EXISTS triggers (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  title text NOT NULL,
  event text NOT NULL,
  conditions jsonb NOT NULL,
  actions jsonb NOT NULL,
  template_ids uuid[] NOT NULL,
  stop_processing boolean NOT NULL,
  active boolean NOT NULL,
  position integer NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS triggers_by_account ON triggers (account_id, created_position);
CREATE INDEX IF NOT EXISTS triggers_by_template ON triggers USING gin (template_ids);
`;
