import * as E from 'fp-ts/Either';
import { Client } from 'pg';
import { openPgEventStore } from '@helpdesk/event-store';
import { appendChunks, realisticLog } from '@helpdesk/projections/src/runtime/crash/realistic-log';
import { benchEvents, ensureLogDatabase, logDatabaseUrl, logSchema } from './bench-log';

const progress = (message: string) => process.stderr.write(`  … ${message}\n`);

/**
 * Writes the realistic log of `BENCH_EVENTS` events into its own schema of the bench database,
 * unless a complete one is there from an earlier run (the generator is deterministic). A log cut
 * short by an interrupted run has no `complete` mark and is written again from scratch.
 */
const main = async () => {
  const events = benchEvents();
  const schema = logSchema(events);
  await ensureLogDatabase();
  const client = new Client({ connectionString: logDatabaseUrl() });
  await client.connect();
  try {
    const complete = await client.query(
      `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'complete'`,
      [schema],
    );
    if (complete.rowCount === 1) {
      progress(`the log of ${events.toLocaleString('en-US')} events is there from an earlier run`);
      return;
    }
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    progress(`generating a realistic log of about ${events.toLocaleString('en-US')} events`);
    const log = realisticLog(events);
    const store = await openPgEventStore({ connectionString: logDatabaseUrl(), schema });
    let appended = 0;
    let shown = 0;
    const started = performance.now();
    for (const chunk of appendChunks(log)) {
      const results = await store.appendMany(chunk)();
      const failed = results.find(E.isLeft);
      if (failed !== undefined) throw new Error(`append failed: ${JSON.stringify(failed.left)}`);
      appended += chunk.reduce((n, r) => n + r.events.length, 0);
      if (appended - shown >= 100_000 || appended === log.length) {
        shown = appended;
        const rate = Math.round(appended / ((performance.now() - started) / 1000));
        progress(
          `appended ${appended.toLocaleString('en-US')}/${log.length.toLocaleString('en-US')} events (${rate.toLocaleString('en-US')}/s)`,
        );
      }
    }
    await store.close();
    await client.query(`CREATE TABLE ${schema}.complete (events bigint NOT NULL)`);
    await client.query(`INSERT INTO ${schema}.complete VALUES ($1)`, [log.length]);
    await client.query(`VACUUM ANALYZE ${schema}.events`).catch(() => undefined);
  } finally {
    await client.end();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
