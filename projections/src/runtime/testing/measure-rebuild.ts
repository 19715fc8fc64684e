/**
 * Times a full rebuild into PostgreSQL; a developer's tool, not a test, and not `pnpm bench`:
 *   cd projections && TSX_TSCONFIG_PATH=src/runtime/testing/tsconfig.source.json \
 *     node --import tsx src/runtime/testing/measure-rebuild.ts <events> <real|test> [url]
 * The first run appends the log (schema `measure_es_<kind>_<events>`) and keeps it for later runs;
 * each run rebuilds into schema `measure_rm` and prints one JSON line: events/s, the CPU this
 * process used, and its smallest and largest resident memory during the rebuild.
 */
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { openPgEventStore, poolClient, type EventStore } from '@helpdesk/event-store';
import { allProjections } from '../../all-projections';
import { appendSampleLog } from '../../testing/append-sample-log';
import { appendChunks, realisticLog } from '../crash/realistic-log';
import { rebuildReadModels } from '../rebuild/rebuild';
import { testProjections } from './test-projections';

const events = Number(process.argv[2] ?? 1_000_000);
const kind = process.argv[3] ?? 'real';
const url = process.argv[4] ?? 'postgres://postgres@127.0.0.1:5432/test';

const appendLog = async (store: EventStore) => {
  if (kind !== 'real') return void (await appendSampleLog(store, { events }));
  for (const chunk of appendChunks(realisticLog(events)))
    if ((await store.appendMany(chunk)()).some(E.isLeft)) throw new Error('append failed');
};

const main = async () => {
  const store = await openPgEventStore({
    connectionString: url,
    schema: `measure_es_${kind}_${events}`,
  });
  const head = await store.headPosition()();
  if (E.isRight(head) && head.right === undefined) await appendLog(store);
  const pool = new Pool({ connectionString: url, max: 10 });
  const memory: number[] = [];
  const cpu = process.cpuUsage();
  const report = await rebuildReadModels({
    store,
    client: poolClient(pool),
    schema: 'measure_rm',
    projections: kind === 'real' ? allProjections : testProjections,
    onProgress: () => void memory.push(process.memoryUsage().rss),
  });
  const used = process.cpuUsage(cpu);
  await pool.end();
  await store.close();
  if (E.isLeft(report)) throw new Error(JSON.stringify(report.left.kind));
  process.stdout.write(
    `${JSON.stringify({
      events: report.right.events,
      seconds: report.right.elapsedMs / 1000,
      eventsPerSecond: report.right.eventsPerSecond,
      processCpuSeconds: (used.user + used.system) / 1e6,
      rssMegabytes: [Math.min(...memory), Math.max(...memory)].map((b) => Math.round(b / 1e6)),
    })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
