import { join } from 'node:path';
import { Pool } from 'pg';
import {
  chainedEventStore,
  createPglite,
  openEventStore,
  openPgEventStore,
  openPgliteEventStore,
  poolClient,
  type EventStore,
  type SqlClient,
} from '@helpdesk/event-store';
import { passwordResetLinks, uuidGenerator } from '@helpdesk/application';
import { defaultReadModelSchema, sqlPortalCredentials } from '@helpdesk/projections';
import { jsonLogger } from './logger';
import { startWorker } from './start-worker';

/**
 * The worker as a process: `node --max-semi-space-size=64 dist/main.js` (or through tsx). It runs
 * until SIGTERM or SIGINT, then stops after the batches under way. The larger young generation
 * halves the time spent collecting garbage while the read models take in a merge's ten thousand
 * events (docs/performance.md). Besides the variables of the architecture
 * (`EVENT_STORE_URL`, `DATABASE_URL`, `HELPDESK_DATA_DIR`) it reads `HELPDESK_EVENT_STORE_SCHEMA`,
 * `HELPDESK_READ_MODEL_SCHEMA`, `HELPDESK_PROCESS_SCHEMA`, `HELPDESK_MERGE_PAGE_SIZE` and
 * `HELPDESK_LOG_LEVEL`; with `SMTP_URL` it sends the outbox's mails.
 */

interface Databases {
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly close: () => Promise<void>;
}

const positiveInteger = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};

const openDatabases = async (
  env: NodeJS.ProcessEnv,
  readModelSchema: string,
): Promise<Databases> => {
  const storeUrl = env['EVENT_STORE_URL'] ?? '';
  const storeSchema = env['HELPDESK_EVENT_STORE_SCHEMA'];
  const databaseUrl = env['DATABASE_URL'] ?? '';
  if (databaseUrl === '') {
    // the embedded store: events and read models in one PGlite, which one process opens at a time
    if (storeUrl !== '') throw new Error('DATABASE_URL is required with EVENT_STORE_URL');
    const db = await createPglite(join(env['HELPDESK_DATA_DIR'] || './.helpdesk', 'events'));
    await db.exec(`SET search_path TO ${readModelSchema}`);
    const store = chainedEventStore(
      await openPgliteEventStore({
        db,
        ...(storeSchema ? { schema: storeSchema } : {}),
      }),
    );
    return { store, client: db, close: () => db.close() };
  }
  const store =
    /^postgres(ql)?:\/\//i.test(storeUrl) && storeSchema
      ? chainedEventStore(
          await openPgEventStore({ connectionString: storeUrl, schema: storeSchema }),
        )
      : await openEventStore(env);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 8,
    options: `-c search_path=${readModelSchema}`,
  });
  pool.on('error', () => undefined);
  return { store, client: poolClient(pool), close: () => pool.end() };
};

const main = async () => {
  const env = process.env;
  const logger = jsonLogger();
  const schema = env['HELPDESK_READ_MODEL_SCHEMA'] || defaultReadModelSchema;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error('HELPDESK_READ_MODEL_SCHEMA must be a lower-case identifier');
  const databases = await openDatabases(env, schema);
  const pageSize = positiveInteger('HELPDESK_MERGE_PAGE_SIZE', env['HELPDESK_MERGE_PAGE_SIZE']);
  const worker = await startWorker({
    store: databases.store,
    client: databases.client,
    schema,
    ...(env['HELPDESK_PROCESS_SCHEMA'] ? { processSchema: env['HELPDESK_PROCESS_SCHEMA'] } : {}),
    ...(pageSize === undefined ? {} : { pageSize }),
    logger,
    ...(env['SMTP_URL']?.trim() ? { smtpUrl: env['SMTP_URL'].trim() } : {}),
    passwordResets: passwordResetLinks({
      store: sqlPortalCredentials(databases.client),
      ids: uuidGenerator,
    }),
  });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await worker.stop();
    await databases.store.close();
    await databases.close();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ error: String(error) }, 'the worker did not stop cleanly');
          process.exit(1);
        },
      );
    });
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', message: 'the worker could not start', error: String(error) })}\n`,
  );
  process.exit(1);
});
