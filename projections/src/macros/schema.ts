/** One row per macro of an account (R6.6): a canned reply and what it also does to the ticket. */
export const macrosSchema = `
CREATE TABLE IF NOT EXISTS macros (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  actions jsonb NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS macros_by_account ON macros (account_id, created_position);
`;
