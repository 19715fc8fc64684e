import * as E from 'fp-ts/Either';
import { adaptersUnderTest } from '../contract/adapters';
import { concurrencyContract } from '../contract/cases/concurrency';
import { expectedRevisionContract } from '../contract/cases/expected-revision';
import { readsContract } from '../contract/cases/reads';
import { subscriptionsContract } from '../contract/cases/subscriptions';
import { anEvent, fails, freshStreams, someEvents, succeeds } from '../contract/fixtures';
import type { EventStore, JsonObject } from '../port';
import { readSubscription } from '../contract/subscription-reader';
import { chainedEventStore } from './chained-event-store';
import { chainOf, recomputedHash } from './event-hash';
import { chainsOf, countingReads, expectedChains } from './testing/chain-assertions';

const metadata: JsonObject = {
  account_id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  actor: { type: 'user', id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  correlation_id: 'req-1',
  via: { channel: 'api', rel: null },
};

/**
 * Tamper evidence (issue 8): the decorator over every adapter still keeps the port's contract, and
 * chains each stream's events. `inner` is the plain store; `chained()` a decorator over it.
 */
describe.each(adaptersUnderTest.map((adapter) => [adapter.name, adapter] as const))(
  'issue 8 tamper evidence: the chained %s event store',
  (_name, adapter) => {
    let opened: Awaited<ReturnType<typeof adapter.open>> | undefined;
    let shared: EventStore | undefined;
    beforeAll(async () => {
      opened = await adapter.open();
      shared = chainedEventStore(opened.store);
    });
    afterAll(async () => {
      await opened?.dispose();
    });
    const inner = (): EventStore => {
      if (opened === undefined) throw new Error(`the ${adapter.name} store did not open`);
      return opened.store;
    };
    const store = (): EventStore => shared ?? inner();
    // another process's decorator over the same log: its heads are its own
    const another = () => chainedEventStore(inner());
    const chainOfStream = async (stream: string, through: EventStore = inner()) => {
      const events = await succeeds(through.readStream(stream));
      return { events, recorded: chainsOf(events), expected: expectedChains(events) };
    };

    describe('keeps the contract', () => {
      expectedRevisionContract(store);
      readsContract(store);
      concurrencyContract(store);
      subscriptionsContract(store);
    });

    describe('chains each stream', () => {
      it('links every event to the one before it, whatever the expected revision', async () => {
        const stream = freshStreams().name('ticket');
        await succeeds(
          store().appendToStream(stream, someEvents(3), { expectedRevision: 'no_stream' }),
        );
        await succeeds(store().appendToStream(stream, someEvents(2), { expectedRevision: 2n }));
        await succeeds(store().appendToStream(stream, someEvents(1)));
        await succeeds(
          store().appendToStream(stream, someEvents(2), { expectedRevision: 'stream_exists' }),
        );
        const { events, recorded, expected } = await chainOfStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
        expect(recorded).toEqual(expected);
        expect(recorded[0]!.previous).toBeNull();
        expect(new Set(recorded.map((c) => c.hash)).size).toBe(8);
      });

      it('adds the chain to the metadata and keeps the rest as appended; a chain given is replaced', async () => {
        const stream = freshStreams().name('ticket');
        const forged = { previous: null, hash: 'f'.repeat(64) };
        const event = anEvent(
          'TicketCreated',
          { subject: 'Écran noir' },
          { ...metadata, chain: forged },
        );
        await succeeds(store().appendToStream(stream, [event]));
        const [read] = await succeeds(inner().readStream(stream));
        const { chain, ...rest } = read!.metadata as JsonObject;
        expect(rest).toEqual(metadata);
        expect(chain).toEqual({ previous: null, hash: recomputedHash(read!, null) });
        expect(chain).not.toEqual(forged);
        expect(read!.data).toEqual({ subject: 'Écran noir' });
      });

      it('hashes the revision and the stream: the same events elsewhere hash differently', async () => {
        const streams = freshStreams();
        const event = anEvent('Same', { n: 1 });
        await succeeds(store().appendToStream(streams.name('a'), [event]));
        await succeeds(store().appendToStream(streams.name('b'), [{ ...event, id: event.id }]));
        const [a] = chainsOf(await succeeds(inner().readStream(streams.name('a'))));
        const [b] = chainsOf(await succeeds(inner().readStream(streams.name('b'))));
        expect(a!.hash).not.toBe(b!.hash);
      });

      it('continues a chain another writer extended meanwhile', async () => {
        const stream = freshStreams().name('ticket');
        const other = another();
        await succeeds(store().appendToStream(stream, someEvents(2)));
        await succeeds(other.appendToStream(stream, someEvents(2)));
        // this writer's head is stale (revision 1): "any" finds the real one
        await succeeds(store().appendToStream(stream, someEvents(1)));
        // an exact revision that was right for this writer but is stale is still a conflict
        expect(
          await fails(store().appendToStream(stream, someEvents(1), { expectedRevision: 1n })),
        ).toEqual({
          kind: 'WrongExpectedVersion',
          streamName: stream,
          expected: 1n,
          actual: 4n,
        });
        await succeeds(other.appendToStream(stream, someEvents(1), { expectedRevision: 4n }));
        const { recorded, expected } = await chainOfStream(stream);
        expect(recorded).toHaveLength(6);
        expect(recorded).toEqual(expected);
      });

      it('a refused append leaves the head as it was', async () => {
        const stream = freshStreams().name('ticket');
        await succeeds(
          store().appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' }),
        );
        await fails(
          store().appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' }),
        );
        await fails(store().appendToStream(stream, someEvents(1), { expectedRevision: 0n }));
        await succeeds(store().appendToStream(stream, someEvents(1), { expectedRevision: 1n }));
        const { recorded, expected } = await chainOfStream(stream);
        expect(recorded).toHaveLength(3);
        expect(recorded).toEqual(expected);
      });

      it('refuses "stream_exists" on a missing stream by the caller’s words, writing nothing', async () => {
        const stream = freshStreams().name('ticket');
        expect(
          await fails(
            store().appendToStream(stream, someEvents(1), { expectedRevision: 'stream_exists' }),
          ),
        ).toEqual({
          kind: 'WrongExpectedVersion',
          streamName: stream,
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        expect(await succeeds(inner().readStream(stream))).toEqual([]);
      });

      it('refuses events that are not JSON, writing nothing', async () => {
        const stream = freshStreams().name('ticket');
        const bad = { ...anEvent(), data: { n: 1n } as unknown as JsonObject };
        expect(await fails(store().appendToStream(stream, [bad]))).toMatchObject({
          kind: 'StoreUnavailable',
        });
        expect(await succeeds(inner().readStream(stream))).toEqual([]);
      });

      it('continues a stream recorded before chaining from the hash of its last event', async () => {
        const stream = freshStreams().name('ticket');
        await succeeds(inner().appendToStream(stream, someEvents(2)));
        await succeeds(another().appendToStream(stream, someEvents(2)));
        const events = await succeeds(inner().readStream(stream));
        expect(events.slice(0, 2).map((e) => chainOf(e.metadata).kind)).toEqual(['none', 'none']);
        const [third, fourth] = chainsOf(events.slice(2));
        expect(third!.previous).toBe(recomputedHash(events[1]!, null));
        expect(fourth!.previous).toBe(third!.hash);
      });
    });

    describe('concurrent appends', () => {
      it('50 concurrent "any" appends from two writers all land and never share a predecessor', async () => {
        const stream = freshStreams().name('ticket');
        const writers = [store(), another()];
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, n) =>
            writers[n % 2]!.appendToStream(
              stream,
              someEvents(1 + (n % 3)),
              n % 4 === 0 ? undefined : { expectedRevision: 'any' },
            )(),
          ),
        );
        expect(results.filter(E.isLeft)).toEqual([]);
        const { events, recorded, expected } = await chainOfStream(stream);
        expect(events).toHaveLength(
          Array.from({ length: 50 }, (_, n) => 1 + (n % 3)).reduce((a, b) => a + b),
        );
        expect(recorded).toEqual(expected);
        const previous = recorded.map((c) => c.previous);
        expect(new Set(previous).size).toBe(previous.length);
      });

      it('"stream_exists" appends at once keep one chain too', async () => {
        const stream = freshStreams().name('ticket');
        await succeeds(
          store().appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' }),
        );
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            store().appendToStream(stream, someEvents(2), { expectedRevision: 'stream_exists' })(),
          ),
        );
        expect(results.filter(E.isLeft)).toEqual([]);
        const { recorded, expected } = await chainOfStream(stream);
        expect(recorded).toHaveLength(41);
        expect(recorded).toEqual(expected);
      });
    });

    describe('appendMany', () => {
      it('chains every request, known heads or not, and answers in request order', async () => {
        const streams = freshStreams();
        const [known, unknown, fresh, stale] = ['known', 'unknown', 'fresh', 'stale'].map((c) =>
          streams.name(c),
        ) as [string, string, string, string];
        const writer = another();
        await succeeds(writer.appendToStream(known, someEvents(2)));
        await succeeds(store().appendToStream(unknown, someEvents(3)));
        await succeeds(store().appendToStream(stale, someEvents(1)));
        const results = await writer.appendMany([
          { streamName: known, events: someEvents(2), expectedRevision: 1n },
          { streamName: unknown, events: someEvents(1), expectedRevision: 2n },
          { streamName: fresh, events: someEvents(2), expectedRevision: 'no_stream' },
          { streamName: stale, events: someEvents(1), expectedRevision: 5n },
          { streamName: unknown, events: someEvents(2), expectedRevision: 'any' },
          { streamName: fresh, events: [], expectedRevision: 1n },
        ])();
        expect(results.map((r) => (E.isRight(r) ? r.right.nextExpectedRevision : r.left))).toEqual([
          3n,
          3n,
          1n,
          { kind: 'WrongExpectedVersion', streamName: stale, expected: 5n, actual: 0n },
          5n,
          1n,
        ]);
        for (const [stream, length] of [
          [known, 4],
          [unknown, 6],
          [fresh, 2],
          [stale, 1],
        ] as const) {
          const { recorded, expected } = await chainOfStream(stream);
          expect([stream, recorded.length]).toEqual([stream, length]);
          expect(recorded).toEqual(expected);
        }
      });

      it('many "any" requests against another writer all land, chained', async () => {
        const streams = freshStreams();
        const names = Array.from({ length: 20 }, (_, n) => streams.name('ticket', n));
        await Promise.all(
          names.map((name) => succeeds(store().appendToStream(name, someEvents(1)))),
        );
        const writer = another();
        const [ours, theirs] = await Promise.all([
          writer.appendMany(
            names.map((streamName) => ({
              streamName,
              events: someEvents(1),
              expectedRevision: 'any',
            })),
          )(),
          Promise.all(names.map((name) => store().appendToStream(name, someEvents(1))())),
        ]);
        expect([...ours, ...theirs].filter(E.isLeft)).toEqual([]);
        for (const name of names) {
          const { recorded, expected } = await chainOfStream(name);
          expect(recorded).toHaveLength(3);
          expect(recorded).toEqual(expected);
        }
      });
    });

    describe('costs no read when the head is known', () => {
      it('appends with "no_stream", the known revision or "any" read nothing; an unknown head is one read', async () => {
        const streams = freshStreams();
        const counted = countingReads(inner());
        const writer = chainedEventStore(counted.store);
        const stream = streams.name('ticket');
        const first = await succeeds(
          writer.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' }),
        );
        const second = await succeeds(
          writer.appendToStream(stream, someEvents(1), {
            expectedRevision: first.nextExpectedRevision,
          }),
        );
        await succeeds(writer.appendToStream(stream, someEvents(1), { expectedRevision: 'any' }));
        const many = await writer.appendMany([
          {
            streamName: stream,
            events: someEvents(1),
            expectedRevision: second.nextExpectedRevision + 1n,
          },
          {
            streamName: streams.name('ticket', 2),
            events: someEvents(1),
            expectedRevision: 'no_stream',
          },
        ])();
        expect(many.filter(E.isLeft)).toEqual([]);
        expect(counted.reads()).toBe(0);
        const cold = countingReads(inner());
        await succeeds(
          chainedEventStore(cold.store).appendToStream(stream, someEvents(1), {
            expectedRevision: 4n,
          }),
        );
        expect(cold.reads()).toBe(1);
        // a command handler reads the stream before appending: that read tells the head
        const loading = countingReads(inner());
        const handler = chainedEventStore(loading.store);
        const loaded = await succeeds(handler.readStream(stream));
        await succeeds(
          handler.appendToStream(stream, someEvents(1), {
            expectedRevision: loaded[loaded.length - 1]!.revision,
          }),
        );
        expect(loading.reads()).toBe(1);
        const { recorded, expected } = await chainOfStream(stream);
        expect(recorded).toHaveLength(7);
        expect(recorded).toEqual(expected);
      });

      it('learns heads from what its subscriptions deliver, whoever appended it', async () => {
        const streams = freshStreams();
        const names = [1, 2, 3].map((n) => streams.name('ticket', n));
        const head = await succeeds(inner().headPosition());
        const counted = countingReads(inner());
        const worker = chainedEventStore(counted.store);
        const subscription = worker.subscribeToAll({
          ...(head === undefined ? {} : { after: head }),
          filter: { streamPrefixes: [streams.root] },
        });
        const reader = readSubscription(subscription);
        expect(await reader.take(1, 5_000)).toEqual([{ kind: 'caught_up' }]);
        for (const name of names) await succeeds(another().appendToStream(name, someEvents(2)));
        expect(await reader.takeEvents(6, 5_000)).toHaveLength(6);
        const results = await worker.appendMany(
          names.map((streamName) => ({ streamName, events: someEvents(1), expectedRevision: 1n })),
        )();
        await subscription.close();
        expect(results.filter(E.isLeft)).toEqual([]);
        expect(counted.reads()).toBe(0);
        for (const name of names) {
          const { recorded, expected } = await chainOfStream(name);
          expect(recorded).toEqual(expected);
        }
      });

      it('learns heads from pages of the log read through it (projections)', async () => {
        const streams = freshStreams();
        const names = [1, 2].map((n) => streams.name('ticket', n));
        const head = await succeeds(inner().headPosition());
        for (const name of names) await succeeds(another().appendToStream(name, someEvents(3)));
        const counted = countingReads(inner());
        const worker = chainedEventStore(counted.store);
        await succeeds(worker.readAll({ ...(head === undefined ? {} : { after: head }) }));
        const results = await worker.appendMany(
          names.map((streamName) => ({ streamName, events: someEvents(1), expectedRevision: 2n })),
        )();
        expect(results.filter(E.isLeft)).toEqual([]);
        expect(counted.reads()).toBe(0);
      });

      it('keeps at most cacheSize heads', async () => {
        const streams = freshStreams();
        const counted = countingReads(inner());
        const writer = chainedEventStore(counted.store, { cacheSize: 2 });
        for (const n of [1, 2, 3])
          await succeeds(
            writer.appendToStream(streams.name('t', n), someEvents(1), {
              expectedRevision: 'no_stream',
            }),
          );
        await succeeds(
          writer.appendToStream(streams.name('t', 3), someEvents(1), { expectedRevision: 0n }),
        );
        await succeeds(
          writer.appendToStream(streams.name('t', 2), someEvents(1), { expectedRevision: 0n }),
        );
        expect(counted.reads()).toBe(0);
        await succeeds(
          writer.appendToStream(streams.name('t', 1), someEvents(1), { expectedRevision: 0n }),
        );
        expect(counted.reads()).toBe(1);
      });
    });
  },
);
