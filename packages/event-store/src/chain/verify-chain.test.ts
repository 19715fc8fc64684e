import * as E from 'fp-ts/Either';
import { anEvent, freshStreams, someEvents, succeeds } from '../contract/fixtures';
import { createMemoryEventStore } from '../memory';
import type { EventStore, JsonObject, RecordedEvent } from '../port';
import { createPostgresEventStore } from '../postgres/postgres-event-store';
import { clientVariants, type MigratedClient } from '../postgres/testing/clients-under-test';
import { holdSharedPglite } from '../postgres/testing/shared-pglite';
import { createChangeNotifier } from '../subscription';
import { chainedEventStore } from './chained-event-store';
import { eventHash } from './event-hash';
import { verifyChain, type ChainReport } from './verify-chain';

holdSharedPglite();

const metadata: JsonObject = {
  account_id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  actor: { type: 'user', id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  correlation_id: 'req-1',
  via: { channel: 'api', rel: null },
};

const verified = async (store: EventStore, pageSize = 1_000): Promise<ChainReport> =>
  succeeds(verifyChain(store, { densePositions: true, pageSize }));

/** Three tickets, 5 + 3 + 4 events, appended in interleaved calls like a day's traffic. */
const aLog = async (store: EventStore) => {
  const streams = freshStreams();
  const [a, b, c] = [1, 2, 3].map((n) => streams.name('ticket', n)) as [string, string, string];
  const append = (stream: string, count: number) =>
    succeeds(
      store.appendToStream(
        stream,
        someEvents(count).map((e) => ({ ...e, metadata })),
      ),
    );
  await append(a, 2);
  await append(b, 1);
  await append(a, 2);
  await append(c, 4);
  await append(b, 2);
  await append(a, 1);
  const results = await store.appendMany([
    { streamName: a, events: [anEvent('Last', { n: 9 }, metadata)], expectedRevision: 4n },
  ])();
  expect(results.every(E.isRight)).toBe(true);
  return { a, b, c };
};

describe('issue 8 verify --chain: a log nobody touched', () => {
  it('finds nothing, on any page size, and counts every event and stream', async () => {
    const store = chainedEventStore(createMemoryEventStore());
    await aLog(store);
    const progress: number[] = [];
    const report = await succeeds(
      verifyChain(store, {
        densePositions: true,
        pageSize: 4,
        onProgress: ({ events }) => progress.push(events),
      }),
    );
    expect(report).toEqual({ events: 13, streams: 3, findings: [] });
    expect(progress).toEqual([4, 8, 12, 13]);
    expect(await verified(store, 1)).toEqual(report);
  });

  it('names every event recorded without a chain, and nothing else', async () => {
    const inner = createMemoryEventStore();
    const stream = freshStreams().name('ticket');
    await succeeds(inner.appendToStream(stream, someEvents(2)));
    await succeeds(chainedEventStore(inner).appendToStream(stream, someEvents(2)));
    const report = await verified(inner);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'unchained', streamName: stream, revision: 0n }),
      expect.objectContaining({ kind: 'unchained', streamName: stream, revision: 1n }),
    ]);
  });
});

describe.each(clientVariants().map((variant) => [variant.name, variant] as const))(
  'issue 8 verify --chain: the %s store after tampering in SQL',
  (_name, variant) => {
    let migrated: MigratedClient;
    let inner: EventStore;
    let store: EventStore;
    beforeEach(async () => {
      migrated = await variant.open();
      inner = createPostgresEventStore({
        client: migrated.client,
        schema: migrated.schema,
        changes: createChangeNotifier(),
      });
      store = chainedEventStore(inner);
    });
    afterEach(async () => {
      await store.close();
      await migrated.dispose();
    });
    const sql = (text: string, params: unknown[]) => migrated.client.query(text, params);
    const eventAt = async (stream: string, revision: bigint): Promise<RecordedEvent> =>
      (await succeeds(inner.readStream(stream, { fromRevision: revision, maxCount: 1 })))[0]!;
    const placeOf = (event: RecordedEvent) => ({
      streamName: event.streamName,
      revision: event.revision,
      globalPosition: event.globalPosition,
      id: event.id,
    });

    it('a log written through the chain verifies clean', async () => {
      await aLog(store);
      expect(await verified(inner)).toEqual({ events: 13, streams: 3, findings: [] });
    });

    it('an UPDATE of one event’s data is reported as exactly that event altered', async () => {
      const { a } = await aLog(store);
      const target = await eventAt(a, 2n);
      await sql(
        `UPDATE ${migrated.schema}.events SET data = jsonb_set(data::jsonb, '{n}', '42') WHERE global_position = $1`,
        [target.globalPosition.toString()],
      );
      expect((await verified(inner)).findings).toEqual([
        {
          kind: 'altered',
          reason: 'its content does not hash to its recorded hash',
          ...placeOf(target),
        },
      ]);
    });

    it('an UPDATE of one event’s metadata (its actor) is reported as exactly that event altered', async () => {
      const { b } = await aLog(store);
      const target = await eventAt(b, 0n);
      await sql(
        `UPDATE ${migrated.schema}.events SET metadata = jsonb_set(metadata::jsonb, '{actor,type}', '"system"') WHERE global_position = $1`,
        [target.globalPosition.toString()],
      );
      expect((await verified(inner)).findings).toEqual([
        expect.objectContaining({ kind: 'altered', ...placeOf(target) }),
      ]);
    });

    it('an edit that also rewrites the event’s own hash breaks the next event’s link', async () => {
      const { c } = await aLog(store);
      const target = await eventAt(c, 1n);
      const next = await eventAt(c, 2n);
      // the forger recomputes the edited event's hash the way the store would
      const forged = { ...target, data: { n: 'forged' } };
      const previous = (target.metadata as { chain: { previous: string } }).chain.previous;
      const hash = eventHash({ ...forged, previous });
      await sql(
        `UPDATE ${migrated.schema}.events SET data = $2::jsonb, metadata = jsonb_set(metadata::jsonb, '{chain,hash}', to_jsonb($3::text)) WHERE global_position = $1`,
        [target.globalPosition.toString(), JSON.stringify(forged.data), hash],
      );
      expect((await verified(inner)).findings).toEqual([
        {
          kind: 'broken_link',
          expected: hash,
          found: (next.metadata as { chain: { previous: string } }).chain.previous,
          ...placeOf(next),
        },
      ]);
    });

    it('a DELETE of one event inside a stream is reported as exactly that gap', async () => {
      const { a } = await aLog(store);
      const removed = await eventAt(a, 3n);
      const after = await eventAt(a, 4n);
      await sql(`DELETE FROM ${migrated.schema}.events WHERE global_position = $1`, [
        removed.globalPosition.toString(),
      ]);
      expect((await verified(inner)).findings).toEqual([
        { kind: 'missing', streamName: a, from: 3n, to: 3n, before: after.globalPosition },
      ]);
    });

    it('a DELETE of a stream’s last event is reported by the hole it leaves in the positions', async () => {
      const { b } = await aLog(store);
      const removed = await eventAt(b, 2n);
      await sql(`DELETE FROM ${migrated.schema}.events WHERE global_position = $1`, [
        removed.globalPosition.toString(),
      ]);
      expect((await verified(inner)).findings).toEqual([
        {
          kind: 'missing_positions',
          count: 1n,
          gaps: [{ from: removed.globalPosition, to: removed.globalPosition }],
        },
      ]);
    });

    it('a chain stripped from an event names it, and the link after it', async () => {
      const { c } = await aLog(store);
      const target = await eventAt(c, 2n);
      await sql(
        `UPDATE ${migrated.schema}.events SET metadata = metadata::jsonb - 'chain' WHERE global_position = $1`,
        [target.globalPosition.toString()],
      );
      expect((await verified(inner)).findings).toEqual([
        { kind: 'unchained', ...placeOf(target) },
        expect.objectContaining({ kind: 'broken_link', streamName: c, revision: 3n }),
      ]);
    });
  },
);
