import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import type { EventStore, EventToAppend, StoreError } from '../port';
import { readSubscription } from '../contract/subscription-reader';
import { createEsdbEventStore, openEsdbEventStore } from './esdb-event-store';
import { startEsdbTestServer } from './test-server/server';
import type { EsdbTestServer } from './test-server/server';

const anEvent = (n = 0, type = 'Happened'): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { n },
  metadata: { schema_version: 1 },
});
const events = (count: number, type?: string) =>
  Array.from({ length: count }, (_, n) => anEvent(n, type));

const succeeds = async <A>(task: () => Promise<E.Either<StoreError, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.kind}`);
  return result.right;
};
const fails = async <A>(task: () => Promise<E.Either<StoreError, A>>): Promise<StoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error('expected a failure');
  return result.left;
};

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('the EventStoreDB adapter over %s', (_protocol, batchAppend) => {
  let server: EsdbTestServer;
  let store: EventStore;

  beforeEach(async () => {
    server = await startEsdbTestServer({ batchAppend });
    store = openEsdbEventStore(server.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('appendMany runs 300 appends at once: each atomic, the one conflict fails alone, answers in order', async () => {
    await succeeds(store.appendToStream('order-150', events(1)));
    const requests = Array.from({ length: 300 }, (_, n) => ({
      streamName: `order-${n}`,
      events: events(2),
      expectedRevision: 'no_stream' as const,
    }));

    const results = await store.appendMany(requests)();

    expect(results).toHaveLength(300);
    results.forEach((result, n) =>
      expect(result).toEqual(
        n === 150
          ? E.left({
              kind: 'WrongExpectedVersion',
              streamName: 'order-150',
              expected: 'no_stream',
              actual: 0n,
            })
          : E.right({ nextExpectedRevision: 1n, position: expect.any(BigInt) }),
      ),
    );
    const all = await succeeds(store.readAll());
    expect(all).toHaveLength(1 + 299 * 2);
    for (const [n, request] of requests.entries()) {
      if (n === 150) continue;
      const written = all.findIndex((e) => e.id === request.events[0]!.id);
      expect(all.slice(written, written + 2).map((e) => e.id)).toEqual(
        request.events.map((e) => e.id),
      );
    }
  });
});

describe('the EventStoreDB adapter against the test server', () => {
  let server: EsdbTestServer;
  let store: EventStore;
  let raw: EventStoreDBClient;
  const subscriptionErrors: StoreError[] = [];

  beforeEach(async () => {
    server = await startEsdbTestServer();
    raw = EventStoreDBClient.connectionString(server.connectionString);
    subscriptionErrors.length = 0;
    store = createEsdbEventStore(EventStoreDBClient.connectionString(server.connectionString), {
      onSubscriptionError: (error) => subscriptionErrors.push(error),
      subscriptionBufferSize: 50,
    });
  });
  afterEach(async () => {
    await store.close();
    await raw.dispose();
    await server.stop();
  });

  it('reports a deleted stream on append, on a check and on read', async () => {
    await succeeds(store.appendToStream('ticket-1', events(1)));
    await raw.tombstoneStream('ticket-1');

    const deleted = { kind: 'StreamDeleted', streamName: 'ticket-1' };
    expect(await fails(store.appendToStream('ticket-1', events(1)))).toEqual(deleted);
    expect(await fails(store.appendToStream('ticket-1', []))).toEqual(deleted);
    expect(await fails(store.readStream('ticket-1'))).toEqual(deleted);
  });

  it('says the store is unavailable when the server is gone', async () => {
    await succeeds(store.appendToStream('ticket-1', events(1)));
    await server.stop();

    expect(await fails(store.appendToStream('ticket-1', events(1)))).toMatchObject({
      kind: 'StoreUnavailable',
    });
    expect(await fails(store.readStream('ticket-1'))).toMatchObject({ kind: 'StoreUnavailable' });
    expect(await fails(store.headPosition())).toMatchObject({ kind: 'StoreUnavailable' });
  });

  it("leaves the server's own streams out of the log and its head", async () => {
    const ours = await succeeds(store.appendToStream('ticket-1', events(1)));
    await raw.appendToStream('$settings', jsonEvent({ type: '$settings', data: {} }));

    expect((await succeeds(store.readAll())).map((e) => e.streamName)).toEqual(['ticket-1']);
    expect(await succeeds(store.headPosition())).toBe(ours.position);
  });

  /** `wanted-` events with more than a page of other events after each. */
  const sparseLog = async () => {
    const wanted = [anEvent(0, 'Wanted'), anEvent(1, 'Wanted')];
    for (const event of wanted) {
      await succeeds(store.appendToStream('wanted-1', [event]));
      await succeeds(store.appendToStream('noise-1', events(300)));
    }
    return wanted;
  };

  it('pages through $all for a sparse filter, strictly after each position', async () => {
    const [first, second] = await sparseLog();
    const filter = { streamPrefixes: ['wanted-'] };

    const [a] = await succeeds(store.readAll({ maxCount: 1, filter }));
    const [b] = await succeeds(store.readAll({ after: a!.globalPosition, maxCount: 1, filter }));
    expect([a!.id, b!.id]).toEqual([first!.id, second!.id]);
    expect(await succeeds(store.readAll({ after: b!.globalPosition, filter }))).toEqual([]);
  });

  it('says caught_up right after the last event its filter keeps, far from the head', async () => {
    const wanted = await sparseLog();
    const reader = readSubscription(
      store.subscribeToAll({ filter: { streamPrefixes: ['wanted-'] } }),
    );

    const messages = await reader.take(3);
    expect(messages.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual([
      ...wanted.map((e) => e.id),
      'caught_up',
    ]);
    const live = anEvent(2, 'Wanted');
    await succeeds(store.appendToStream('wanted-2', [live]));
    expect((await reader.takeEvents(1)).map((e) => e.id)).toEqual([live.id]);
  });

  it('resubscribes after its last event when the server drops it: no gap, no duplicate', async () => {
    const reader = readSubscription(store.subscribeToAll());
    expect(await reader.take(1)).toEqual([{ kind: 'caught_up' }]);
    const before = events(2);
    await succeeds(store.appendToStream('ticket-1', before));
    expect((await reader.takeEvents(2)).map((e) => e.id)).toEqual(before.map((e) => e.id));

    server.dropSubscriptions();
    const after = events(3);
    await succeeds(store.appendToStream('ticket-1', after));

    expect((await reader.takeEvents(3)).map((e) => e.id)).toEqual(after.map((e) => e.id));
    await reader.expectNothingFor(150);
    expect(subscriptionErrors).toEqual([expect.objectContaining({ kind: 'StoreUnavailable' })]);
  });

  it('delivers a catch-up larger than its buffer to a slow reader completely and in order', async () => {
    const written = Array.from({ length: 30 }, () => events(100));
    await store.appendMany(
      written.map((batch, n) => ({
        streamName: `ticket-${n}`,
        events: batch,
        expectedRevision: 'any',
      })),
    )();
    const all = await succeeds(store.readAll());
    const reader = readSubscription(store.subscribeToAll());
    await new Promise((resolve) => setTimeout(resolve, 300)); // a slow reader: the source must wait

    const messages = await reader.take(3001, 10_000);
    expect(messages.slice(0, 3000).map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual(
      all.map((e) => e.id),
    );
    expect(messages[3000]).toEqual({ kind: 'caught_up' });
  });

  it('ends its subscriptions when the store closes', async () => {
    const reader = readSubscription(store.subscribeToAll());
    expect(await reader.take(1)).toEqual([{ kind: 'caught_up' }]);

    await store.close();

    expect(await reader.endsWithin(1000)).toBe(true);
  });

  it('refuses work once closed, as an unavailable store', async () => {
    await store.close();

    const closed = { kind: 'StoreUnavailable', message: 'the store is closed' };
    expect(await fails(store.appendToStream('ticket-1', events(1)))).toEqual(closed);
    expect(await fails(store.readAll())).toEqual(closed);
    expect(
      await store.appendMany([{ streamName: 'ticket-1', events: [], expectedRevision: 'any' }])(),
    ).toEqual([E.left(closed)]);
    expect(await readSubscription(store.subscribeToAll()).endsWithin(500)).toBe(true);
  });
});
