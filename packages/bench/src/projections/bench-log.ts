import { Client } from 'pg';

/** The server the benches use, and the database that keeps the generated logs between runs. */
export const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export const logDatabase = 'helpdesk_bench_logs';

export const logDatabaseUrl = (): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${logDatabase}`;
  return url.toString();
};

/** bump when the generator changes: a kept log of an older generator is written again */
const generatorVersion = 1;

/** The event-store schema holding the log of `events` events. */
export const logSchema = (events: number): string => `bench_log_v${generatorVersion}_${events}`;

export const benchEvents = (): number => Number(process.env['BENCH_EVENTS'] ?? 1_000_000);

/** Creates the log database when the server does not have it yet. */
export const ensureLogDatabase = async (): Promise<void> => {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [logDatabase]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${logDatabase}`);
  } finally {
    await admin.end();
  }
};
