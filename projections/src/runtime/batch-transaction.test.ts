import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../testing/append-sample-log';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { applyInOneTransaction } from './batch-transaction';
import { readCheckpoint } from './checkpoints';
import { installReadModels } from './install';
import { toProjectedEvents } from './projected-event';
import type { ProjectedEvent, Projection } from './projection';
import { ledgerProjection } from './testing/test-projections';

describe('a batch and its checkpoint are written in one transaction', () => {
  let db: TestDatabase;
  let store: EventStore;
  let events: ReadonlyArray<ProjectedEvent>;

  beforeAll(async () => {
    db = await openTestDatabase();
    store = createMemoryEventStore();
    await appendSampleLog(store, { events: 40 });
    const read = await store.readAll()();
    if (E.isLeft(read)) throw new Error('read failed');
    const decoded = toProjectedEvents(read.right);
    if (E.isLeft(decoded)) throw new Error('decode failed');
    events = decoded.right;
  });
  afterAll(() => db.dispose());

  beforeEach(async () => {
    await db.client.exec(
      'DROP TABLE IF EXISTS ledger CASCADE; DROP TABLE IF EXISTS projection_checkpoints',
    );
    await installReadModels(db.client, db.schema, [ledgerProjection]);
  });

  const ledgerRows = async () =>
    (await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger')).rows[0]!.n;
  const checkpoint = async () => (await readCheckpoint(db.client, db.schema, 'ledger'))?.position;

  it('writes the rows and moves the checkpoint together', async () => {
    const first = events.slice(0, 10);
    const outcome = await applyInOneTransaction(db.client, [
      {
        projection: ledgerProjection,
        schema: db.schema,
        events: first,
        from: undefined,
        to: first[9]!.globalPosition,
      },
    ]);
    expect(outcome).toEqual({ kind: 'applied' });
    expect(await ledgerRows()).toBe(10);
    expect(await checkpoint()).toBe(first[9]!.globalPosition);
  });

  it('rolls the rows back and leaves the checkpoint where it was when apply fails midway', async () => {
    // the ledger rows are inserted, then the handler fails
    const breaksAfterWriting: Projection = {
      ...ledgerProjection,
      apply: async (session, batch) => {
        await ledgerProjection.apply(session, batch);
        throw new Error('disk full, say');
      },
    };
    await expect(
      applyInOneTransaction(db.client, [
        {
          projection: breaksAfterWriting,
          schema: db.schema,
          events: events.slice(0, 10),
          from: undefined,
          to: 10n,
        },
      ]),
    ).rejects.toThrow('disk full, say');
    expect(await ledgerRows()).toBe(0);
    expect(await checkpoint()).toBeUndefined();
  });

  it('writes nothing when another writer moved the checkpoint since the batch was read', async () => {
    await applyInOneTransaction(db.client, [
      {
        projection: ledgerProjection,
        schema: db.schema,
        events: events.slice(0, 5),
        from: undefined,
        to: 5n,
      },
    ]);
    const stale = await applyInOneTransaction(db.client, [
      {
        projection: ledgerProjection,
        schema: db.schema,
        events: events.slice(0, 5),
        from: undefined,
        to: 5n,
      },
    ]);
    expect(stale).toEqual({ kind: 'moved', name: 'ledger', actual: 5n });
    expect(await ledgerRows()).toBe(5);
  });

  it('lets a checkpoint pass events its projection does not read, with no rows', async () => {
    await applyInOneTransaction(db.client, [
      { projection: ledgerProjection, schema: db.schema, events: [], from: undefined, to: 30n },
    ]);
    expect(await checkpoint()).toBe(30n);
    expect(await ledgerRows()).toBe(0);
  });
});
