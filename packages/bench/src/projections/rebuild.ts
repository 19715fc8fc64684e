import { cpus, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { openPgEventStore, poolClient } from '@helpdesk/event-store';
import { allProjections, rebuildReadModels } from '@helpdesk/projections';
import { freshDatabase } from '../fresh-database';
import { databaseCpuSeconds, stolenSeconds } from '../process-cpu';
import { benchEvents, logDatabaseUrl, logSchema, serverUrl } from './bench-log';

const progress = (message: string) => process.stderr.write(`  … ${message}\n`);
const megabytes = (bytes: number) => Math.round(bytes / 1e6);

/**
 * Rebuilds every read model from the kept log into a fresh database on the same server, as
 * `helpdesk rebuild --all` does (scratch tables, indexed at the end and swapped in),
 * and reports events/s and this process's memory while it ran.
 */
const main = async () => {
  const events = benchEvents();
  const only = process.env['BENCH_ONLY']?.split(',').filter((name) => name !== '');
  const store = await openPgEventStore({
    connectionString: logDatabaseUrl(),
    schema: logSchema(events),
  });
  const target = await freshDatabase(serverUrl, 'projections');
  const pool = new Pool({ connectionString: target.url, max: 10 });
  // the database is dropped with FORCE at the end: an idle connection may see it go first
  pool.on('error', () => undefined);
  const rss: number[] = [];
  let lastShown = 0;
  const cpu = process.cpuUsage();
  const serverBefore = await databaseCpuSeconds(target.url);
  const stolenBefore = stolenSeconds();
  try {
    progress(
      `rebuilding ${only?.length ?? allProjections.length} read models: ${(only ?? allProjections.map((p) => p.name)).join(', ')}`,
    );
    const report = await rebuildReadModels({
      store,
      client: poolClient(pool),
      projections: allProjections,
      ...(only === undefined ? {} : { only }),
      onProgress: (p) => {
        rss.push(process.memoryUsage().rss);
        if (p.phase !== 'building' || p.events - lastShown >= 100_000) {
          lastShown = p.events;
          progress(
            `${p.phase}: ${p.events.toLocaleString('en-US')} events, ${p.eventsPerSecond.toLocaleString('en-US')} events/s, rss ${megabytes(rss[rss.length - 1]!)} MB`,
          );
        }
      },
    });
    if (E.isLeft(report))
      throw new Error(
        `rebuild failed: ${JSON.stringify(report.left, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
    const used = process.cpuUsage(cpu);
    const serverAfter = await databaseCpuSeconds(target.url);
    const stolenAfter = stolenSeconds();
    const spent = (before: number | undefined, after: number | undefined) =>
      before === undefined || after === undefined ? null : Number((after - before).toFixed(1));
    // memory over the second half: flat means it does not grow with the events read
    const half = rss.slice(Math.floor(rss.length / 2));
    const result = {
      bench: 'projections',
      events: report.right.events,
      readModels: report.right.projections.length,
      rebuilt: report.right.projections,
      seconds: Number((report.right.elapsedMs / 1000).toFixed(2)),
      eventsPerSecond: report.right.eventsPerSecond,
      processCpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
      // the server's processes, when /proc shows them: the other half of the work
      serverCpuSeconds: spent(serverBefore, serverAfter),
      stolenSeconds: spent(stolenBefore, stolenAfter),
      rssMegabytes: {
        min: megabytes(Math.min(...rss)),
        max: megabytes(Math.max(...rss)),
        secondHalfMin: megabytes(Math.min(...half)),
        secondHalfMax: megabytes(Math.max(...half)),
      },
      machine: { cores: cpus().length, load1: Number(loadavg()[0]!.toFixed(2)) },
    };
    process.stdout.write(
      `\nfull rebuild of ${result.readModels} read models: ${result.events.toLocaleString('en-US')} events in ${result.seconds} s = ${result.eventsPerSecond.toLocaleString('en-US')} events/s\n` +
        `CPU: this process ${result.processCpuSeconds} s, the database server ${result.serverCpuSeconds ?? 'unknown'} s; stolen by the hypervisor ${result.stolenSeconds ?? 'unknown'} s\n` +
        `memory (rss): ${result.rssMegabytes.min}–${result.rssMegabytes.max} MB, second half ${result.rssMegabytes.secondHalfMin}–${result.rssMegabytes.secondHalfMax} MB\n` +
        `${JSON.stringify(result)}\n`,
    );
  } finally {
    await pool.end();
    await store.close();
    await target.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
