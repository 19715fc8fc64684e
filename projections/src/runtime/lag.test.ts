import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../testing/append-sample-log';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { installReadModels } from './install';
import { projectionLag } from './lag';
import { startProjections } from './runner';
import { ledgerProjection, ticketTalliesProjection } from './testing/test-projections';

describe('projection lag', () => {
  let db: TestDatabase;
  let store: EventStore;
  let clock: Date;

  beforeEach(async () => {
    db = await openTestDatabase();
    clock = new Date('2024-06-01T12:00:00Z');
    store = createMemoryEventStore({ now: () => clock });
  });
  afterEach(() => db.dispose());

  const lag = async () => {
    const figures = await projectionLag({
      store,
      client: db.client,
      schema: db.schema,
      now: () => new Date('2024-06-01T12:01:30Z'),
    });
    if (E.isLeft(figures)) throw new Error(JSON.stringify(figures.left));
    return figures.right;
  };

  it('counts the events and the seconds each projection is behind the head of the log', async () => {
    await installReadModels(db.client, db.schema, [ledgerProjection, ticketTalliesProjection]);
    const early = await appendSampleLog(store, { events: 120 });
    clock = new Date('2024-06-01T12:01:00Z');
    const head = BigInt(early + (await appendSampleLog(store, { events: 30, seed: 2 })));
    const behind = Number(head);

    // the oldest unprocessed event was recorded at 12:00:00, 90 s before "now"
    expect(await lag()).toEqual([
      { name: 'ledger', checkpoint: undefined, head, eventsBehind: behind, secondsBehind: 90 },
      {
        name: 'ticket_tallies',
        checkpoint: undefined,
        head,
        eventsBehind: behind,
        secondsBehind: 90,
      },
    ]);

    const runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections: [ledgerProjection],
    });
    expect(E.isRight(await runner.waitForPosition('ledger', head, 10_000)())).toBe(true);
    await runner.stop();
    expect(await lag()).toEqual([
      { name: 'ledger', checkpoint: head, head, eventsBehind: 0, secondsBehind: 0 },
      {
        name: 'ticket_tallies',
        checkpoint: undefined,
        head,
        eventsBehind: behind,
        secondsBehind: 90,
      },
    ]);
  });

  it('measures seconds from the oldest event still to process', async () => {
    await installReadModels(db.client, db.schema, [ledgerProjection]);
    const processed = BigInt(await appendSampleLog(store, { events: 120 }));
    const runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections: [ledgerProjection],
    });
    expect(E.isRight(await runner.waitForPosition('ledger', processed, 10_000)())).toBe(true);
    await runner.stop();
    clock = new Date('2024-06-01T12:01:20Z');
    const unprocessed = await appendSampleLog(store, { events: 10, seed: 2 });

    // events recorded at 12:00:00 were processed; the oldest one left was recorded at 12:01:20
    expect(await lag()).toEqual([
      {
        name: 'ledger',
        checkpoint: processed,
        head: processed + BigInt(unprocessed),
        eventsBehind: unprocessed,
        secondsBehind: 10,
      },
    ]);
  });
});
