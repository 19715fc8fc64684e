import { Pool, type PoolConfig } from 'pg';
import type { EventStore } from '../port';
import { createChangeNotifier, type ChangeNotifier } from '../subscription';
import { appendListener } from './append-listener';
import { migrate } from './migrations';
import { schemaNameOf, type OpenOptions } from './open-options';
import { createPostgresEventStore } from './postgres-event-store';
import { poolClient } from './sql-client';

export interface PgEventStoreOptions extends OpenOptions {
  /** `postgres://user@host:port/database` */
  readonly connectionString: string;
  /** more `pg` pool settings (size, timeouts) */
  readonly pool?: Omit<PoolConfig, 'connectionString'>;
  /** how often subscriptions look for events without a NOTIFY; 5 s when absent */
  readonly pollIntervalMs?: number;
}

/**
 * Opens the event store on a PostgreSQL server: a pool for appends and reads, the schema migrated,
 * and, from the first subscription on, one more connection that LISTENs for other processes' appends.
 */
export const openPgEventStore = async (options: PgEventStoreOptions): Promise<EventStore> => {
  const schema = schemaNameOf(options);
  const config = { ...options.pool, connectionString: options.connectionString };
  const pool = new Pool(config);
  // an idle connection that breaks is dropped by the pool; without a listener it would crash the process
  pool.on('error', () => undefined);
  const client = poolClient(pool);
  try {
    await migrate(client, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const notifier = createChangeNotifier();
  const listener = appendListener(config, schema, notifier);
  const changes: ChangeNotifier = {
    notify: notifier.notify,
    onChange: (listen) => {
      listener.start();
      return notifier.onChange(listen);
    },
  };
  return createPostgresEventStore({
    client,
    schema,
    changes,
    groupCommit: options.groupCommit,
    pageSize: options.pageSize,
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    release: async () => {
      await listener.stop();
      await pool.end();
    },
  });
};
