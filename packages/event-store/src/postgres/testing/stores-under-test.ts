import { Client } from 'pg';
import type { EventStore } from '../../port';
import { openPgEventStore, type PgEventStoreOptions } from '../open-pg-event-store';
import { openPgliteEventStore } from '../open-pglite-event-store';
import type { OpenOptions } from '../open-options';
import { freshSchemaName } from './fresh-schema';
import { serverUrl } from './server-url';
import { sharedPglite } from './shared-pglite';

export interface OpenedStore {
  readonly store: EventStore;
  readonly schema: string;
  /** closes the store and drops its schema */
  readonly dispose: () => Promise<void>;
}

export interface StoreVariant {
  readonly name: string;
  readonly open: (options?: OpenOptions) => Promise<OpenedStore>;
}

/** The embedded variant: a fresh schema in this test file's shared PGlite. */
export const pgliteVariant: StoreVariant = {
  name: 'postgres (PGlite)',
  open: async (options = {}) => {
    const { db, release } = await sharedPglite();
    const schema = freshSchemaName();
    const store = await openPgliteEventStore({ ...options, db, schema }).catch(async (error) => {
      await release();
      throw error;
    });
    return {
      store,
      schema,
      dispose: async () => {
        await store.close();
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
        await release();
      },
    };
  },
};

export const dropSchema = async (connectionString: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
};

/** The server variant: a fresh schema in the database at `connectionString`. */
export const serverVariant = (
  connectionString: string,
  extra: Partial<PgEventStoreOptions> = {},
): StoreVariant => ({
  name: 'postgres (server)',
  open: async (options = {}) => {
    const schema = freshSchemaName();
    const store = await openPgEventStore({ ...extra, ...options, connectionString, schema });
    return {
      store,
      schema,
      dispose: async () => {
        await store.close();
        await dropSchema(connectionString, schema);
      },
    };
  },
});

/** PGlite always; the server too when `DATABASE_URL` is set (CI sets it). Nothing is ever skipped. */
export const storeVariants = (
  env: NodeJS.ProcessEnv = process.env,
): ReadonlyArray<StoreVariant> => {
  const url = serverUrl(env);
  return url === undefined ? [pgliteVariant] : [pgliteVariant, serverVariant(url)];
};
