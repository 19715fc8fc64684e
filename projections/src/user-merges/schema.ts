/**
 * One row per user merge (R3), the job that `GET /api/v2/job_statuses/{id}` follows. Its id is the
 * id of the `UserMerged` event that started it.
 */
export const userMergesSchema = `
CREATE TABLE IF NOT EXISTS user_merges (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  source_id uuid NOT NULL,
  target_id uuid NOT NULL,
  correlation_id text NOT NULL,
  requested_by uuid,
  status text NOT NULL,
  progress integer NOT NULL,
  total integer,
  ccs_replaced integer,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX IF NOT EXISTS user_merges_by_source ON user_merges (source_id);
CREATE INDEX IF NOT EXISTS user_merges_by_correlation ON user_merges (correlation_id);
`;
