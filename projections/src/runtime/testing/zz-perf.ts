import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { openPgEventStore, poolClient } from '@helpdesk/event-store';
import { allProjections } from '../../all-projections';
import { appendSampleLog } from '../../testing/append-sample-log';
import { appendChunks, realisticLog } from '../crash/realistic-log';
import { rebuildReadModels } from '../rebuild/rebuild';
import { testProjections } from './test-projections';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const n = Number(process.argv[2] ?? 1000000);
const which = process.argv[3] === 'real' ? allProjections : testProjections;
(async () => {
  const store = await openPgEventStore({
    connectionString: url,
    schema: process.argv[4] ?? `es_sample_${n}`,
  });
  const head = await store.headPosition()();
  if (E.isRight(head) && head.right === undefined) {
    if (process.argv[3] !== 'real') await appendSampleLog(store, { events: n });
    else
      for (const chunk of appendChunks(realisticLog(n)))
        if ((await store.appendMany(chunk)()).some(E.isLeft)) throw new Error('append');
    console.log('appended');
  }
  const pool = new Pool({ connectionString: url, max: 10 });
  const client = poolClient(pool);
  const rss: number[] = [];
  const cpu0 = process.cpuUsage();
  const report = await rebuildReadModels({
    store,
    client,
    schema: 'rm_perf',
    projections: which,
    onProgress: (p) => {
      rss.push(process.memoryUsage().rss);
      if (p.phase !== 'building' || p.events % 200000 === 0)
        console.log(
          p.phase,
          p.events,
          p.eventsPerSecond,
          Math.round(process.memoryUsage().rss / 1e6),
          'MB',
        );
    },
  });
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify(E.isRight(report) ? report.right : report.left, (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
    'nodeCpu',
    Math.round((cpu.user + cpu.system) / 1000),
    'rss min/max',
    Math.round(Math.min(...rss) / 1e6),
    Math.round(Math.max(...rss) / 1e6),
  );
  await pool.end();
  await store.close();
})();
