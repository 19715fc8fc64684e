import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../../testing/append-sample-log';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { readCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { startProjections } from '../runner';
import {
  dumpTables,
  ledgerProjection,
  testProjections,
  withHook,
} from '../testing/test-projections';
import type { RebuildProgress } from './progress';
import { rebuildProjection, rebuildReadModels, type RebuildOptions } from './rebuild';

const allTables = testProjections.flatMap((p) => p.tables);

/** A view over two projections' tables: a swap of either drops it, and it must come back. */
const crossView: Projection = {
  name: 'cross_view',
  filter: { streamPrefixes: ['nothing-'] },
  tables: [],
  schema: '',
  views: `CREATE OR REPLACE VIEW tickets_with_ledger AS
    SELECT t.ticket_id, count(l.position) AS ledger_rows
    FROM ticket_tallies t LEFT JOIN ledger l ON l.stream = 'ticket-' || t.ticket_id
    GROUP BY t.ticket_id;`,
  apply: () => Promise.resolve(),
};
const projections = [...testProjections, crossView];

const headOf = async (store: EventStore): Promise<bigint> => {
  const head = await store.headPosition()();
  if (E.isLeft(head) || head.right === undefined) throw new Error('the log is empty');
  return head.right;
};

/**
 * The store handing each page over in pieces, as a server's COPY does, and pausing halfway through
 * it. The ledger's writes wait for two halfways (so that a page ends meanwhile): it comes back for
 * its next batch while a page is half read. `splits` counts the batches it began inside the page
 * where the one before ended; `killAtSplit` makes the first of them fail, as a crash would.
 */
const handedOverInPieces = (source: EventStore, { killAtSplit = false } = {}) => {
  let halfway: Array<() => void> = [];
  const nextHalfway = () =>
    Promise.race([
      new Promise<void>((resolve) => halfway.push(resolve)),
      // the last pages have no halfway to wait for
      new Promise<void>((resolve) => setTimeout(resolve, 100)),
    ]);
  const pageStarts: bigint[] = [];
  const pageOf = (position: bigint) => pageStarts.filter((start) => start <= position).length;
  const store: EventStore = {
    ...source,
    readAllEach: (readOptions, each) => async () => {
      const page = await source.readAll(readOptions)();
      if (E.isLeft(page)) return page;
      if (page.right.length > 0) pageStarts.push(page.right[0]!.globalPosition);
      for (const [i, event] of page.right.entries()) {
        each(event);
        if (i === Math.floor(page.right.length / 2)) {
          const waiting = halfway;
          halfway = [];
          for (const wake of waiting) wake();
          await new Promise((resolve) => setTimeout(resolve, 30));
        } else if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      }
      return E.right(page.right.length);
    },
  };
  let last: bigint | undefined;
  let splits = 0;
  const slowLedger = withHook(ledgerProjection, async (events) => {
    if (events.length === 0) return;
    if (last !== undefined && pageOf(events[0]!.globalPosition) === pageOf(last)) {
      splits += 1;
      if (killAtSplit && splits === 1)
        throw new Error('killed after a batch that ended inside a page');
    }
    last = events.at(-1)!.globalPosition;
    await nextHalfway();
    await nextHalfway();
  });
  return { store, slowLedger, splits: () => splits };
};

describe('rebuilding read models', () => {
  let store: EventStore;
  let reference: Record<string, unknown[]>;
  let db: TestDatabase;

  /** the rows an uninterrupted live projection of the whole log gives */
  const projectLive = async (target: TestDatabase) => {
    const runner = await startProjections({
      store,
      client: target.client,
      schema: target.schema,
      projections,
      batchSize: 200,
    });
    const head = await headOf(store);
    for (const p of testProjections)
      expect(E.isRight(await runner.waitForPosition(p.name, head, 20_000)())).toBe(true);
    await runner.stop();
  };

  beforeAll(async () => {
    store = createMemoryEventStore();
    await appendSampleLog(store, { events: 3000 });
    const live = await openTestDatabase();
    await projectLive(live);
    reference = await dumpTables(live.client, live.schema, allTables);
    await live.dispose();
  });
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.dispose());

  const options = (extra: Partial<RebuildOptions> = {}): RebuildOptions => ({
    store,
    client: db.client,
    schema: db.schema,
    projections,
    batchSize: 500,
    ...extra,
  });
  const dump = () => dumpTables(db.client, db.schema, allTables);

  it('builds every read model from the log, equal row for row to live projection, checkpoints at the head', async () => {
    const progress: RebuildProgress[] = [];
    const report = await rebuildReadModels(options({ onProgress: (p) => void progress.push(p) }));

    const head = await headOf(store);
    expect(report).toEqual(
      E.right(expect.objectContaining({ events: Number(head), position: head })),
    );
    expect(await dump()).toEqual(reference);
    for (const p of projections)
      expect((await readCheckpoint(db.client, db.schema, p.name))?.position).toBe(head);
    expect(progress.map((p) => p.phase)).toEqual([
      ...Array(Math.ceil(Number(head) / 500) + (Number(head) % 500 === 0 ? 1 : 0)).fill('building'),
      'swapping',
      'done',
    ]);
    expect(progress.at(-1)).toMatchObject({ events: Number(head), head });
    expect(progress.at(-1)!.eventsPerSecond).toBeGreaterThan(0);
    const { rows } = await db.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM tickets_with_ledger',
    );
    expect(rows[0]!.n).toBe(reference['ticket_tallies']!.length);
  });

  it("builds the readers' indexes once the rows are loaded, and swaps them in with the tables", async () => {
    const indexesNamed = async (name: string) =>
      (
        await db.client.query<{ schemaname: string }>(
          'SELECT schemaname FROM pg_indexes WHERE indexname = $1',
          [name],
        )
      ).rows.map((r) => r.schemaname);
    const whileBuilding: string[][] = [];
    const report = await rebuildReadModels(
      options({
        onProgress: async (p) => {
          if (p.phase === 'building')
            whileBuilding.push(await indexesNamed('ticket_tallies_by_status'));
        },
      }),
    );
    expect(E.isRight(report)).toBe(true);
    // only the live table had it while the scratch tables were loaded
    expect(whileBuilding.length).toBeGreaterThan(0);
    for (const schemas of whileBuilding) expect(schemas).toEqual([db.schema]);
    expect(await indexesNamed('ticket_tallies_by_status')).toEqual([db.schema]);
    expect(await dump()).toEqual(reference);
  });

  it('keeps serving the old tables to readers until the swap, then the new ones', async () => {
    await rebuildReadModels(options());
    await db.client.query(`INSERT INTO ledger VALUES (-1, 'stale', 'Stale', now())`);
    const seenDuringBuild: number[] = [];
    let reading = true;
    const readErrors: unknown[] = [];
    const reader = (async () => {
      while (reading)
        await db.client
          .query('SELECT count(*) FROM ledger WHERE position = -1')
          .catch((error: unknown) => void readErrors.push(error));
    })();

    const report = await rebuildProjection(
      options({
        onProgress: async (p) => {
          if (p.phase !== 'building') return;
          const { rows } = await db.client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM ledger WHERE position = -1',
          );
          seenDuringBuild.push(rows[0]!.n);
        },
      }),
      'ledger',
    );
    reading = false;
    await reader;

    expect(E.isRight(report)).toBe(true);
    expect(seenDuringBuild.length).toBeGreaterThan(1);
    expect(seenDuringBuild.every((n) => n === 1)).toBe(true);
    expect(readErrors).toEqual([]);
    expect(await dump()).toEqual(reference);
  });

  it('lets a projection behind the reader apply every page waiting for it in one transaction, each event once', async () => {
    const batches: number[] = [];
    const slowLedger = withHook(ledgerProjection, async (events) => {
      batches.push(events.length);
      await new Promise((resolve) => setTimeout(resolve, 40));
    });
    const report = await rebuildReadModels(
      options({ projections: projections.map((p) => (p === ledgerProjection ? slowLedger : p)) }),
    );

    expect(report).toEqual(E.right(expect.objectContaining({ position: await headOf(store) })));
    // pages of 500 events: a batch of more was several pages, caught up in one transaction
    expect(Math.max(...batches)).toBeGreaterThan(500);
    expect(await dump()).toEqual(reference);
  });

  it('lets a projection that comes back while a page is read take it in part: its checkpoint inside the page, each event once', async () => {
    const inPieces = handedOverInPieces(store);
    const withSlowLedger = (ledger: Projection) =>
      projections.map((p) => (p === ledgerProjection ? ledger : p));
    const report = await rebuildReadModels(
      options({ store: inPieces.store, projections: withSlowLedger(inPieces.slowLedger) }),
    );
    expect(report).toEqual(E.right(expect.objectContaining({ position: await headOf(store) })));
    expect(inPieces.splits()).toBeGreaterThan(0);
    expect(await dump()).toEqual(reference);

    // killed as the batch after one that ended inside a page is written: resumed from that
    // checkpoint, the rest of the page is applied, and nothing before it again
    const killed = handedOverInPieces(store, { killAtSplit: true });
    await db.dispose();
    db = await openTestDatabase();
    const interrupted = await rebuildReadModels(
      options({ store: killed.store, projections: withSlowLedger(killed.slowLedger) }),
    );
    expect(interrupted).toEqual(E.left(expect.objectContaining({ kind: 'RebuildFailed' })));
    expect(killed.splits()).toBe(1);
    const resumed = await rebuildReadModels(options());
    expect(resumed).toEqual(E.right(expect.objectContaining({ position: await headOf(store) })));
    expect(await dump()).toEqual(reference);
  });

  it('resumes an interrupted rebuild where it stopped, counting each event once', async () => {
    let reports = 0;
    // pages of 100 events: more pages than the reader may read ahead of the writers
    const interrupted = await rebuildReadModels(
      options({
        batchSize: 100,
        onProgress: () => {
          if (++reports === 3) throw new Error('killed');
        },
      }),
    );
    expect(interrupted).toEqual(
      E.left(expect.objectContaining({ kind: 'RebuildFailed', message: 'killed' })),
    );

    const resumed = await rebuildReadModels(options());
    const head = await headOf(store);
    expect(resumed).toEqual(E.right(expect.objectContaining({ position: head })));
    // each projection resumed from its own stored checkpoint: the log is read again from the
    // earliest (a projection with nothing in a page stores its checkpoint only now and then)
    const read = E.isRight(resumed) ? resumed.right.events : 0;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(Number(head));
    expect(await dump()).toEqual(reference);
  });

  it('starts over instead of resuming when the projection changed since the interruption', async () => {
    let reports = 0;
    await rebuildReadModels(
      options({
        onProgress: () => {
          if (++reports === 2) throw new Error('killed');
        },
      }),
    );
    const changed = { ...ledgerProjection, version: 2 };
    const report = await rebuildReadModels(options({ projections: [changed], only: ['ledger'] }));
    expect(report).toEqual(
      E.right(expect.objectContaining({ events: Number(await headOf(store)) })),
    );
    const { rows } = await db.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [`${db.schema}_rb_`],
    );
    // the other three projections' scratch schemas are still there to resume; the stale ledger one is gone
    expect(rows[0]!.n).toBe(3);
  });

  it('hands the live projector over to the rebuilt tables without losing or repeating an event', async () => {
    const runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections,
      batchSize: 100,
    });
    const report = await rebuildProjection(options(), 'ticket_tallies');
    expect(E.isRight(report)).toBe(true);
    await appendSampleLog(store, { events: 200, seed: 9 });
    const head = await headOf(store);
    for (const p of testProjections)
      expect(E.isRight(await runner.waitForPosition(p.name, head, 20_000)())).toBe(true);
    await runner.stop();

    const fresh = await openTestDatabase();
    const rebuiltAgain = await rebuildReadModels({
      ...options(),
      client: fresh.client,
      schema: fresh.schema,
    });
    expect(E.isRight(rebuiltAgain)).toBe(true);
    expect(await dump()).toEqual(await dumpTables(fresh.client, fresh.schema, allTables));
    await fresh.dispose();
  });

  it('stops at an event that does not decode, naming it, and leaves the live tables as they were', async () => {
    await rebuildReadModels(options());
    const before = await dump();
    const damaged = createMemoryEventStore();
    await appendSampleLog(damaged, { events: 100 });
    await damaged.appendToStream('ticket-00000000-0000-4000-8000-0000000000aa', [
      { id: 'e-bad', type: 'CommentAdded', data: { ticket_id: 'x' }, metadata: {} },
    ])();
    const report = await rebuildReadModels(options({ store: damaged }));
    expect(report).toEqual(
      E.left(
        expect.objectContaining({ kind: 'CorruptEvent', eventId: 'e-bad', type: 'CommentAdded' }),
      ),
    );
    expect(await dump()).toEqual(before);
  });

  it('refuses an unknown projection', async () => {
    expect(await rebuildProjection(options(), 'nope')).toEqual(
      E.left({ kind: 'UnknownProjection', name: 'nope' }),
    );
  });
});
