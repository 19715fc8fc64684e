/**
 * The process the crash test kills. Run with `node --import tsx` (see crash.test.ts):
 *   prepare <events> <schema> <batch>  append a realistic log if the store is empty, then rebuild
 *                                      every read model into <schema>, uninterrupted
 *   rebuild <schema> <batch>           rebuild every read model into <schema>, printing progress
 *   compare <schema> <reference>       print how the two schemas' read models differ, as JSON
 * With CRASH_DATABASE_URL the store (schema CRASH_STORE_SCHEMA) and the read models are on that
 * PostgreSQL server; otherwise both are in the PGlite folder CRASH_PGLITE_DIR.
 */
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import {
  createPglite,
  openPgEventStore,
  openPgliteEventStore,
  poolClient,
  type EventStore,
  type SqlClient,
} from '@helpdesk/event-store';
import { allProjections } from '../../all-projections';
import { rebuildReadModels } from '../rebuild/rebuild';
import { differences, dumpReadModels, rowCount } from './read-model-dump';
import { appendChunks, realisticLog } from './realistic-log';

interface Opened {
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly close: () => Promise<void>;
}

const open = async (): Promise<Opened> => {
  const url = process.env['CRASH_DATABASE_URL'];
  if (url !== undefined && url !== '') {
    const store = await openPgEventStore({
      connectionString: url,
      schema: process.env['CRASH_STORE_SCHEMA'],
    });
    const pool = new Pool({ connectionString: url, max: 4 });
    return {
      store,
      client: poolClient(pool),
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  }
  const db = await createPglite(process.env['CRASH_PGLITE_DIR']);
  const store = await openPgliteEventStore({ db });
  return {
    store,
    client: db as unknown as SqlClient,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
};

const say = (line: string) => process.stdout.write(`${line}\n`);

const seed = async ({ store }: Opened, events: number) => {
  const head = await store.headPosition()();
  if (E.isLeft(head)) throw new Error(head.left.kind);
  if (head.right !== undefined) return say(`seeded ${head.right}`);
  let appended = 0;
  for (const chunk of appendChunks(realisticLog(events))) {
    const outcomes = await store.appendMany(chunk)();
    const failed = outcomes.find(E.isLeft);
    if (failed !== undefined) throw new Error(JSON.stringify(failed.left));
    appended += chunk.reduce((sum, request) => sum + request.events.length, 0);
  }
  say(`seeded ${appended}`);
};

const rebuild = async ({ store, client }: Opened, schema: string, batchSize: number) => {
  const report = await rebuildReadModels({
    store,
    client,
    schema,
    projections: allProjections,
    batchSize,
    onProgress: (p) => {
      say(`progress ${p.phase} ${p.events} ${p.position ?? ''}`);
    },
  });
  if (E.isLeft(report)) throw new Error(`rebuild failed: ${JSON.stringify(report.left.kind)}`);
  say(`done ${report.right.position ?? ''}`);
};

const compare = async ({ client }: Opened, schema: string, reference: string) => {
  const tables = allProjections.flatMap((p) => p.tables);
  const expected = await dumpReadModels(client, reference, tables);
  const actual = await dumpReadModels(client, schema, tables);
  say(JSON.stringify({ rows: rowCount(expected), differences: differences(actual, expected) }));
};

const main = async () => {
  const [mode, arg, batch, extra] = process.argv.slice(2);
  const opened = await open();
  try {
    if (mode === 'prepare') {
      await seed(opened, Number(arg));
      await rebuild(opened, batch!, Number(extra));
    } else if (mode === 'rebuild') await rebuild(opened, arg!, Number(batch));
    else if (mode === 'compare') await compare(opened, arg!, batch!);
    else throw new Error(`unknown mode ${mode}`);
  } finally {
    await opened.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
