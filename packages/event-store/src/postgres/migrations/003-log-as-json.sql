-- data and metadata keep their JSON as text (json) rather than parsed (jsonb). The log is read whole
-- far more often than it is queried by field, and a jsonb value is printed back to text on every
-- read: reading the bench's million events cost the server half the CPU as json (docs/event-store.md,
-- "Reading the log"). Appends still pass through jsonb_to_recordset (002), so what is stored is
-- jsonb's text of each value (keys reordered, a NUL refused), as before.
ALTER TABLE events
  ALTER COLUMN data TYPE json USING data::json,
  ALTER COLUMN metadata TYPE json USING metadata::json;
