import { mkdir } from 'node:fs/promises';
// the ESM types, matching what `import()` loads at run time
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import type { EventStore } from '../port';
import { createChangeNotifier } from '../subscription';
import { migrate } from './migrations';
import { schemaNameOf, type OpenOptions } from './open-options';
import { pgliteClient } from './pglite-client';
import { createPostgresEventStore } from './postgres-event-store';

export interface PgliteEventStoreOptions extends OpenOptions {
  /** the folder PGlite keeps its files in; in memory when absent and no `db` is given */
  readonly dataDir?: string;
  /** an instance already open (tests share one): the store then leaves it open when it closes */
  readonly db?: PGlite;
}

/** Loaded on first use: PGlite is large, and a process on a PostgreSQL server never needs it. */
export const createPglite = async (dataDir?: string): Promise<PGlite> => {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;
  return db;
};

/**
 * Opens the event store on the embedded PostgreSQL. Only this process can reach the database, so
 * an in-process signal wakes subscribers: no LISTEN connection and no polling. One session runs
 * one statement at a time, so group commit keeps a single call in flight.
 */
export const openPgliteEventStore = async (
  options: PgliteEventStoreOptions = {},
): Promise<EventStore> => {
  const schema = schemaNameOf(options);
  const db = options.db ?? (await createPglite(options.dataDir));
  try {
    await migrate(db, schema);
  } catch (error) {
    if (options.db === undefined) await db.close();
    throw error;
  }
  return createPostgresEventStore({
    client: pgliteClient(db),
    schema,
    changes: createChangeNotifier(),
    groupCommit: { maxCallsInFlight: 1, ...options.groupCommit },
    pageSize: options.pageSize,
    release: options.db === undefined ? () => db.close() : undefined,
  });
};
