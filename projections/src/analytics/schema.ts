/** Every requester change (R1.3), one typed row each, append-only, for analysts. */
export const analyticsSchema = `
CREATE TABLE IF NOT EXISTS analytics_requester_changes (
  global_position bigint PRIMARY KEY,
  event_id uuid NOT NULL,
  account_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  previous_requester_id uuid NOT NULL,
  requester_id uuid NOT NULL,
  reason text NOT NULL,
  actor_type text NOT NULL,
  actor_id uuid,
  channel text NOT NULL,
  rel text,
  correlation_id text NOT NULL,
  changed_at timestamptz NOT NULL
);
`;

/** Changes of an account over time (the views by day). */
export const analyticsIndexes = `
CREATE INDEX IF NOT EXISTS analytics_requester_changes_by_time
  ON analytics_requester_changes (account_id, changed_at);
`;

/**
 * The analyst views. Days are UTC days. `merges_per_day` reads the `user_merges` read model and
 * `tickets_per_organization` the `tickets` and `organizations` ones: the runtime recreates every
 * view after any swap, so a view may read the tables of other projections.
 */
export const analyticsViews = `
CREATE OR REPLACE VIEW requester_changes AS
  SELECT account_id, ticket_id, previous_requester_id, requester_id, reason, actor_type, actor_id,
    channel, rel, correlation_id, changed_at, (changed_at AT TIME ZONE 'UTC')::date AS day,
    event_id, global_position
  FROM analytics_requester_changes;

CREATE OR REPLACE VIEW requester_changes_per_day AS
  SELECT account_id, (changed_at AT TIME ZONE 'UTC')::date AS day, reason, count(*)::int AS changes,
    count(DISTINCT ticket_id)::int AS tickets
  FROM analytics_requester_changes
  GROUP BY account_id, (changed_at AT TIME ZONE 'UTC')::date, reason;

CREATE OR REPLACE VIEW merges_per_day AS
  SELECT account_id, (started_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS merges,
    (count(*) FILTER (WHERE status = 'completed'))::int AS completed,
    coalesce(sum(progress), 0)::int AS tickets_moved
  FROM user_merges
  GROUP BY account_id, (started_at AT TIME ZONE 'UTC')::date;

CREATE OR REPLACE VIEW tickets_per_organization AS
  SELECT t.account_id, t.organization_id, o.name AS organization_name,
    coalesce(o.removed, false) AS organization_removed, count(*)::int AS tickets,
    (count(*) FILTER (WHERE NOT t.archived))::int AS unarchived,
    (count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed')))::int AS unsolved
  FROM tickets t LEFT JOIN organizations o ON o.id = t.organization_id
  GROUP BY t.account_id, t.organization_id, o.name, o.removed;
`;
