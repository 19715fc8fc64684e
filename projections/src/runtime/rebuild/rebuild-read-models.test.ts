import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { allProjections } from '../../all-projections';
import { openTestDatabase } from '../../testing/test-database';
import { appendChunks, realisticLog } from '../crash/realistic-log';
import { startProjections } from '../runner';
import { dumpTables, withHook } from '../testing/test-projections';
import { rebuildReadModels } from './rebuild';

const tables = allProjections.flatMap((p) => p.tables);
const pageSize = 100;

const seeded = async (events: number): Promise<{ store: EventStore; head: bigint }> => {
  const store = createMemoryEventStore();
  for (const chunk of appendChunks(realisticLog(events))) {
    const outcomes = await store.appendMany(chunk)();
    expect(outcomes.every(E.isRight)).toBe(true);
  }
  const head = await store.headPosition()();
  if (E.isLeft(head) || head.right === undefined) throw new Error('the log is empty');
  return { store, head: head.right };
};

describe("rebuilding the application's read models", () => {
  it('R1.3 R3.6 gathers several pages into one batch of each read model, and ends equal row for row to live projection', async () => {
    const { store, head } = await seeded(7000);

    const live = await openTestDatabase();
    let expected: Record<string, unknown[]>;
    try {
      const runner = await startProjections({
        store,
        client: live.client,
        schema: live.schema,
        projections: allProjections,
        batchSize: pageSize,
      });
      for (const p of allProjections)
        expect(E.isRight(await runner.waitForPosition(p.name, head, 60_000)())).toBe(true);
      await runner.stop();
      expected = await dumpTables(live.client, live.schema, tables);
    } finally {
      await live.dispose();
    }

    const rebuilt = await openTestDatabase();
    try {
      // every write stalls a little: the reader gathers the pages read meanwhile into the next batch
      const written = new Map<string, number[]>();
      const stalled = allProjections.map((p) =>
        withHook(p, async (events) => {
          written.set(p.name, [...(written.get(p.name) ?? []), events.length]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }),
      );
      const report = await rebuildReadModels({
        store,
        client: rebuilt.client,
        schema: rebuilt.schema,
        projections: stalled,
        batchSize: pageSize,
      });

      expect(report).toEqual(E.right(expect.objectContaining({ position: head })));
      expect(await dumpTables(rebuilt.client, rebuilt.schema, tables)).toEqual(expected);
      for (const name of ['tickets', 'ticket_audits', 'analytics', 'user_merges'])
        expect(Math.max(...written.get(name)!)).toBeGreaterThan(pageSize);
    } finally {
      await rebuilt.dispose();
    }
  }, 120_000);
});
