/** One row per email template of an account (R6.2, R6.5): its current content. */
export const emailTemplatesSchema = `
CREATE TABLE IF NOT EXISTS email_templates (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  name text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  created_position bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS email_templates_by_account ON email_templates (account_id, created_position);
`;
