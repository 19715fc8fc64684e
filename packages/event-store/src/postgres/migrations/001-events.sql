-- The log: one row per event. Runs with search_path set to the store's schema.
-- global_position is handed out by append_events (002) under a lock, in commit order;
-- (stream_name, revision) is unique, so no two appends can ever claim one revision.
CREATE TABLE IF NOT EXISTS events (
  global_position bigint PRIMARY KEY,
  stream_name text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT events_stream_revision UNIQUE (stream_name, revision),
  CONSTRAINT events_revision_from_zero CHECK (revision >= 0),
  CONSTRAINT events_position_from_one CHECK (global_position >= 1)
);
