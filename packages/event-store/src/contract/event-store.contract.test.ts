import type { EventStore } from '../port';
import { adaptersUnderTest } from './adapters';
import { concurrencyContract } from './cases/concurrency';
import { expectedRevisionContract } from './cases/expected-revision';
import { readsContract } from './cases/reads';
import { roundTripContract } from './cases/round-trip';
import { subscriptionsContract } from './cases/subscriptions';

/**
 * The one contract every event-store adapter passes. Each adapter opens one store for the whole
 * suite; tests write to streams named for themselves and never assume where positions start.
 */
describe.each(adaptersUnderTest.map((adapter) => [adapter.name, adapter] as const))(
  'the %s event store',
  (_name, adapter) => {
    let opened: Awaited<ReturnType<typeof adapter.open>> | undefined;
    beforeAll(async () => {
      opened = await adapter.open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });
    const store = (): EventStore => {
      if (opened === undefined) throw new Error(`the ${adapter.name} store did not open`);
      return opened.store;
    };

    expectedRevisionContract(store);
    readsContract(store);
    roundTripContract(store);
    concurrencyContract(store);
    subscriptionsContract(store);
  },
);
