import * as E from 'fp-ts/Either';
import { createMemoryEventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../testing/append-sample-log';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { checkpointWaiter } from './checkpoint-waiter';
import { installReadModels } from './install';
import { startProjections } from './runner';
import { ledgerProjection } from './testing/test-projections';

describe('waiting on the stored checkpoint, from a process that does not run the projections', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.dispose());

  it('returns once the projection has passed the position, or times out with where it stands', async () => {
    const store = createMemoryEventStore();
    await installReadModels(db.client, db.schema, [ledgerProjection]);
    const head = BigInt(await appendSampleLog(store, { events: 100 }));
    const waiter = checkpointWaiter({ client: db.client, schema: db.schema, pollIntervalMs: 5 });

    expect(await waiter.waitForPosition('ledger', head, 30)()).toEqual(
      E.left({ kind: 'TimedOut', name: 'ledger', checkpoint: undefined }),
    );
    const waiting = waiter.waitForPosition('ledger', head, 10_000)();
    const runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections: [ledgerProjection],
    });
    expect(await waiting).toEqual(E.right(head));
    await runner.stop();
    expect(await waiter.waitForPosition('nope', 1n, 10)()).toEqual(
      E.left({ kind: 'UnknownProjection', name: 'nope' }),
    );
  });
});
