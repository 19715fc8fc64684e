import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainedEventStore,
  createMemoryEventStore,
  openPgEventStore,
  openPgliteEventStore,
  type EventStore,
} from '@helpdesk/event-store';
import { progress, type CaseResult } from '../stats';
import { freshDatabase } from '../fresh-database';
import { benchStore } from './cases';
import { benchEmmett } from './emmett';

interface Options {
  readonly events: number;
  readonly concurrencies: ReadonlyArray<number>;
  /** `--chain`: every store behind `chainedEventStore`, as `helpdesk serve` runs it */
  readonly chain?: boolean;
}

const line = (adapter: string, name: string, r: CaseResult) =>
  `${adapter.padEnd(12)} ${name.padEnd(34)} ${String(r.eventsPerSecond).padStart(9)} ev/s   p50 ${String(r.p50Ms).padStart(8)} ms   p99 ${String(r.p99Ms).padStart(8)} ms   (${r.events} in ${r.seconds} s)`;

/** `pnpm bench store [--events N]`: every adapter available, and emmett-postgresql on the same server. */
export const runStoreBench = async ({ events, concurrencies, chain = false }: Options) => {
  const adapters: Record<string, Record<string, CaseResult>> = {};
  const run = async (
    name: string,
    open: () => Promise<EventStore>,
    cleanup: () => Promise<void> = async () => {},
  ) => {
    progress(`${name}: opening`);
    const store = chain ? chainedEventStore(await open()) : await open();
    try {
      adapters[name] = await benchStore(name, store, events, concurrencies);
      for (const [c, r] of Object.entries(adapters[name]!))
        process.stdout.write(`${line(name, c, r)}\n`);
    } finally {
      await store.close();
      await cleanup();
    }
  };

  await run('memory', async () => createMemoryEventStore());
  const folder = mkdtempSync(join(tmpdir(), 'helpdesk-bench-'));
  await run(
    'pglite',
    () => openPgliteEventStore({ dataDir: folder }),
    async () => rmSync(folder, { recursive: true, force: true }),
  );

  let emmett: Record<string, CaseResult> | undefined;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const database = await freshDatabase(serverUrl, 'store');
    try {
      await run('postgres', () => openPgEventStore({ connectionString: database.url }));
      progress('emmett-postgresql 0.42 on the same server');
      emmett = await benchEmmett(database.url, events, concurrencies);
      for (const [c, r] of Object.entries(emmett))
        process.stdout.write(`${line('emmett', c, r)}\n`);
    } finally {
      await database.drop();
    }
  } else {
    process.stdout.write(
      'DATABASE_URL is not set: PostgreSQL and emmett-postgresql are not measured\n',
    );
  }

  const ours = adapters.postgres?.single_event_new_streams_c8?.eventsPerSecond;
  const theirs = emmett?.single_event_new_streams_c8?.eventsPerSecond;
  const ratio =
    ours !== undefined && theirs !== undefined ? Number((ours / theirs).toFixed(2)) : null;
  if (ratio !== null) process.stdout.write(`postgres / emmett at concurrency 8: ${ratio}x\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'store', chain, events, adapters, emmett: emmett ?? null, postgres_vs_emmett_c8: ratio })}\n`,
  );
};
