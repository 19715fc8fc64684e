import { join } from 'node:path';
import { Pool } from 'pg';
import {
  chainedEventStore,
  createMemoryEventStore,
  createPglite,
  openEsdbEventStore,
  openPgEventStore,
  openPgliteEventStore,
  poolClient,
  type EventStore,
  type SqlClient,
} from '@helpdesk/event-store';
import { lockDataDir } from './data-dir-lock';

/**
 * Where `helpdesk` keeps its data, from the environment (architecture.md, "Runtime configuration"):
 * - nothing set: ONE embedded PostgreSQL (PGlite) under `HELPDESK_DATA_DIR/events` holds the event
 *   store (schema `event_store`) and the read models; a PGlite instance costs hundreds of MB, so
 *   the two share it;
 * - `DATABASE_URL` (PostgreSQL): the read models there, and the events too unless
 *   `EVENT_STORE_URL` names another store;
 * - `EVENT_STORE_URL` alone (`postgres://`, `esdb://`, `memory:`): the events there, the read models
 *   in the embedded PostgreSQL.
 */
export interface Stores {
  readonly store: EventStore;
  /** the read models' database; its `search_path` is the live read-model schema */
  readonly client: SqlClient;
  /** what the log lines and `/readyz` say about where data lives (never a password) */
  readonly description: { readonly events: string; readonly readModels: string };
  readonly close: () => Promise<void>;
}

export interface StoreEnv {
  readonly EVENT_STORE_URL?: string;
  readonly DATABASE_URL?: string;
  readonly HELPDESK_DATA_DIR?: string;
}

export interface StoreOptions {
  readonly readModelSchema: string;
  /** connections of each PostgreSQL pool; 10 when absent */
  readonly poolSize?: number;
}

const isPostgres = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** A URL without its credentials, for the logs. */
export const redacted = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.split(':')[0] ?? 'unknown';
  }
};

const embeddedDirOf = (env: StoreEnv): string =>
  join(env.HELPDESK_DATA_DIR || './.helpdesk', 'events');

const openPool = (url: string, schema: string, size: number): Pool => {
  const pool = new Pool({ connectionString: url, max: size, options: `-c search_path=${schema}` });
  // an idle connection that breaks is dropped by the pool; without a listener it would crash the process
  pool.on('error', () => undefined);
  return pool;
};

const openEventsAt = (url: string, size: number): Promise<EventStore> => {
  if (isPostgres(url)) return openPgEventStore({ connectionString: url, pool: { max: size } });
  if (/^esdb(\+discover)?:\/\//i.test(url)) return Promise.resolve(openEsdbEventStore(url));
  throw new Error(
    `EVENT_STORE_URL must start with postgres://, postgresql:// or esdb:// (got "${url.split(':')[0]}:…")`,
  );
};

export const openStores = async (env: StoreEnv, options: StoreOptions): Promise<Stores> => {
  const storeUrl = env.EVENT_STORE_URL?.trim() ?? '';
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  const size = options.poolSize ?? 10;
  if (databaseUrl !== '') {
    if (!isPostgres(databaseUrl)) throw new Error('DATABASE_URL must start with postgres://');
    const eventsUrl = storeUrl === '' ? databaseUrl : storeUrl;
    const store = chainedEventStore(
      eventsUrl.toLowerCase() === 'memory:'
        ? createMemoryEventStore()
        : await openEventsAt(eventsUrl, size),
    );
    const pool = openPool(databaseUrl, options.readModelSchema, size);
    return {
      store,
      client: poolClient(pool),
      description: { events: redacted(eventsUrl), readModels: redacted(databaseUrl) },
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  }
  const dir = embeddedDirOf(env);
  const unlock = await lockDataDir(dir);
  const db = await createPglite(dir).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  // every read-model query names its tables unqualified; the event store qualifies its own
  await db.exec(`SET search_path TO ${options.readModelSchema}`);
  try {
    const store = chainedEventStore(
      storeUrl === ''
        ? await openPgliteEventStore({ db })
        : storeUrl.toLowerCase() === 'memory:'
          ? createMemoryEventStore()
          : await openEventsAt(storeUrl, size),
    );
    return {
      store,
      client: db,
      description: {
        events: storeUrl === '' ? `embedded:${dir}` : redacted(storeUrl),
        readModels: `embedded:${dir}`,
      },
      close: async () => {
        await store.close();
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await db.close();
    await unlock();
    throw error;
  }
};
