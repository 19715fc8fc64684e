-- append_events: the only way events enter the log. One call appends for many streams, each with
-- its own expected revision, each accepted or refused on its own, in one statement.
--
-- p_requests: JSON array of {"k": request index, "s": stream name,
--             "x": "any" | "no_stream" | "stream_exists" | "<revision>"}
-- p_events:   JSON array of {"k": request index, "o": order in the call, "i": event id,
--             "t": type, "d": data, "m": metadata}
-- Each stream appears at most once per call (the caller splits repeats into later calls).
--
-- Why the lock: a position taken from a sequence is fixed before commit, so a transaction holding
-- position 7 can commit after one holding 8; a reader that has seen 8 would never look at 7 again.
-- Holding one transaction-scoped advisory lock from numbering to commit makes positions follow
-- commit order: the lock is released only after the commit is visible, so whoever numbers next
-- already sees every lower position, and so does every reader that sees the higher one.
CREATE OR REPLACE FUNCTION append_events(p_requests text, p_events text)
RETURNS TABLE (
  request_index int,
  appended boolean,
  actual_revision bigint,
  next_revision bigint,
  last_position bigint
)
LANGUAGE plpgsql
VOLATILE
SET search_path FROM CURRENT
AS $$
#variable_conflict use_column
DECLARE
  v_head bigint;
  v_recorded_at timestamptz;
BEGIN
  -- a fixed snapshot (repeatable read) would number from a stale head after waiting for the lock
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'append_events must run at read committed isolation, not %',
      current_setting('transaction_isolation');
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext('helpdesk.event_store.append'), hashtext(current_schema()));

  -- each statement below takes a fresh snapshot, taken after the lock was granted
  SELECT coalesce(max(e.global_position), 0) INTO v_head FROM events e;
  v_recorded_at := clock_timestamp();

  RETURN QUERY
  WITH request AS (
    SELECT r.k, r.s, r.x
    FROM jsonb_to_recordset(p_requests::jsonb) AS r(k int, s text, x text)
  ),
  current_state AS (
    SELECT request.k, request.s, request.x, last_event.revision, last_event.global_position
    FROM request
    LEFT JOIN LATERAL (
      SELECT e.revision, e.global_position
      FROM events e
      WHERE e.stream_name = request.s
      ORDER BY e.revision DESC
      LIMIT 1
    ) AS last_event ON true
  ),
  checked AS (
    SELECT c.k, c.s, c.revision, c.global_position,
      CASE c.x
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN c.revision IS NULL
        WHEN 'stream_exists' THEN c.revision IS NOT NULL
        ELSE coalesce(c.revision = c.x::bigint, false)
      END AS accepted
    FROM current_state c
  ),
  numbered AS (
    SELECT ev.k, checked.s, ev.i, ev.t, ev.d, ev.m,
      coalesce(checked.revision, -1) + row_number() OVER (PARTITION BY ev.k ORDER BY ev.o) AS revision,
      v_head + row_number() OVER (ORDER BY ev.o) AS global_position
    FROM jsonb_to_recordset(p_events::jsonb) AS ev(k int, o int, i text, t text, d jsonb, m jsonb)
    JOIN checked ON checked.k = ev.k AND checked.accepted
  ),
  inserted AS (
    INSERT INTO events (global_position, stream_name, revision, event_id, type, data, metadata, recorded_at)
    SELECT n.global_position, n.s, n.revision, n.i, n.t, n.d, n.m, v_recorded_at
    FROM numbered n
  ),
  last_appended AS (
    SELECT n.k, max(n.revision) AS revision, max(n.global_position) AS global_position
    FROM numbered n
    GROUP BY n.k
  )
  SELECT checked.k,
    checked.accepted,
    checked.revision,
    coalesce(last_appended.revision, checked.revision),
    coalesce(last_appended.global_position, checked.global_position)
  FROM checked
  LEFT JOIN last_appended ON last_appended.k = checked.k;

  -- delivered at commit; the payload names the schema so stores sharing a database ignore each other
  -- (max() reads the end of the primary key: a filter on a variable here would plan a full scan)
  IF (SELECT max(e.global_position) FROM events e) > v_head THEN
    PERFORM pg_notify('helpdesk_event_store', current_schema());
  END IF;
END;
$$;
