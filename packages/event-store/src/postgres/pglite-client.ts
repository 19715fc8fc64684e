// the ESM types, matching what `import()` loads at run time
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import type { SqlClient } from './sql-client';

/**
 * PGlite as the store's SQL client: itself, and a binary COPY out through its `/dev/blob`, which
 * hands the whole copy over at once. A rebuild's page of 10,000 events read this way cost about
 * half the CPU of the same page selected (docs/performance.md, "Session 10").
 */
export const pgliteClient = (db: PGlite): SqlClient => ({
  query: (text, params) => db.query(text, params),
  exec: (script) => db.exec(script),
  transaction: (work) =>
    db.transaction((tx) =>
      work({ query: (text, params) => tx.query(text, params), exec: (script) => tx.exec(script) }),
    ),
  copyOut: async (query, onBytes) => {
    const copied = await db.query(`COPY (${query}) TO '/dev/blob' (FORMAT binary)`);
    if (copied.blob !== undefined) onBytes(Buffer.from(await copied.blob.arrayBuffer()));
    return copied.affectedRows ?? 0;
  },
});
