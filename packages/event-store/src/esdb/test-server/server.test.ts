import {
  EventStoreDBClient,
  FORWARDS,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { startEsdbTestServer } from './server';
import type { EsdbTestServer } from './server';

const event = (n: number) =>
  jsonEvent({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { by: 'test' } });

const collect = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const events: E[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
};

const failure = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('the EventStoreDB test server through the real client (%s)', (_protocol, batchAppend) => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    server = await startEsdbTestServer({ batchAppend });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });

  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  it('numbers revisions from 0 per stream and positions strictly increasing across streams', async () => {
    const first = await client.appendToStream('a-1', [event(1), event(2)], {
      expectedRevision: NO_STREAM,
    });
    const second = await client.appendToStream('b-1', [event(3)]);
    const third = await client.appendToStream('a-1', [event(4)], { expectedRevision: 1n });

    expect([
      first.nextExpectedRevision,
      second.nextExpectedRevision,
      third.nextExpectedRevision,
    ]).toEqual([1n, 0n, 2n]);
    expect(first.position!.commit).toBeLessThan(second.position!.commit);
    expect(second.position!.commit).toBeLessThan(third.position!.commit);
    const stream = await collect<ResolvedEvent>(client.readStream('a-1'));
    expect(stream.map((e) => [e.event?.revision, e.event?.data, e.event?.metadata])).toEqual([
      [0n, { n: 1 }, { by: 'test' }],
      [1n, { n: 2 }, { by: 'test' }],
      [2n, { n: 4 }, { by: 'test' }],
    ]);
    expect(stream[2]!.event!.position!.commit).toBe(third.position!.commit);
    expect(Math.abs(stream[0]!.event!.created.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('reports a wrong expected version with the stream, the expected and the actual revision', async () => {
    await client.appendToStream('a-1', [event(1)]);

    const error = await failure(
      client.appendToStream('a-1', [event(2)], { expectedRevision: NO_STREAM }),
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({
      streamName: 'a-1',
      expectedVersion: 'no_stream',
      actualVersion: 0n,
    });
    const missing = await failure(
      client.appendToStream('b-1', [event(2)], { expectedRevision: STREAM_EXISTS }),
    );
    expect(missing).toMatchObject({
      streamName: 'b-1',
      expectedVersion: 'stream_exists',
      actualVersion: 'no_stream',
    });
    const stale = await failure(client.appendToStream('a-1', [event(2)], { expectedRevision: 5n }));
    expect(stale).toMatchObject({ expectedVersion: 5n, actualVersion: 0n });
    expect(await collect(client.readStream('a-1'))).toHaveLength(1);
  });

  it('reads forwards and backwards from a revision, up to a count', async () => {
    await client.appendToStream('a-1', [1, 2, 3, 4, 5].map(event));
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
      (await collect<ResolvedEvent>(client.readStream('a-1', options))).map(
        (e) => e.event?.revision,
      );

    expect(await revisions({ fromRevision: 2n, maxCount: 2, direction: FORWARDS })).toEqual([
      2n,
      3n,
    ]);
    expect(await revisions({ fromRevision: 2n, direction: BACKWARDS })).toEqual([2n, 1n, 0n]);
    expect(await revisions({ fromRevision: END, maxCount: 2, direction: BACKWARDS })).toEqual([
      4n,
      3n,
    ]);
  });

  it('answers a read of a missing stream with stream-not-found', async () => {
    expect(await failure(collect(client.readStream('nowhere-1')))).toBeInstanceOf(
      StreamNotFoundError,
    );
  });

  it('reads $all forwards including the start position, and backwards before it', async () => {
    await client.appendToStream('a-1', [1, 2, 3].map(event));
    const all = await collect<AllStreamResolvedEvent>(client.readAll());
    const second = all[1]!.event!.position!;

    const forwards = await collect<AllStreamResolvedEvent>(
      client.readAll({ fromPosition: second }),
    );
    const backwards = await collect<AllStreamResolvedEvent>(
      client.readAll({ fromPosition: second, direction: BACKWARDS }),
    );
    expect(forwards.map((e) => e.event?.data)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(backwards.map((e) => e.event?.data)).toEqual([{ n: 1 }]);
  });

  it('rejects writes and reads of a tombstoned stream as deleted', async () => {
    await client.appendToStream('a-1', [event(1)]);
    await client.tombstoneStream('a-1');

    expect(await failure(client.appendToStream('a-1', [event(2)]))).toBeInstanceOf(
      StreamDeletedError,
    );
    expect(await failure(collect(client.readStream('a-1')))).toBeInstanceOf(StreamDeletedError);
  });

  it('reports a wrong expected version on a delete through the exception metadata', async () => {
    await client.appendToStream('a-1', [event(1)]);

    const error = await failure(client.tombstoneStream('a-1', { expectedRevision: 3n }));
    expect(error).toMatchObject({ streamName: 'a-1', expectedVersion: 3n, actualVersion: 0n });
  });

  it('subscribes to $all: confirmation, catch-up after the start position, caught-up, then live', async () => {
    await client.appendToStream('a-1', [event(1), event(2)]);
    await client.appendToStream('b-1', [event(3)]);
    const [first] = await collect<AllStreamResolvedEvent>(client.readAll({ maxCount: 1 }));
    const seen: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: first!.event!.position!,
      filter: streamNameFilter({ prefixes: ['a-'] }),
    });
    subscription.on('confirmation', () => seen.push('confirmation'));
    subscription.on('caughtUp', () => {
      seen.push('caught up');
      void client.appendToStream('a-1', [event(4)]);
    });
    for await (const resolved of subscription) {
      seen.push(JSON.stringify(resolved.event?.data));
      if (seen.length === 4) break;
    }
    await subscription.unsubscribe();

    expect(seen).toEqual(['confirmation', '{"n":2}', 'caught up', '{"n":4}']);
  });

  it('reports a checkpoint every multiplier × window events a filtered subscription scans', async () => {
    await client.appendToStream('a-1', [1, 2, 3, 4, 5].map(event));
    const all = await collect<AllStreamResolvedEvent>(client.readAll());
    const checkpoints: bigint[] = [];
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({
        prefixes: ['b-'],
        maxSearchWindow: 2,
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => {
          checkpoints.push(position.commit);
        },
      }),
    });
    await new Promise((resolve) => subscription.once('caughtUp', resolve));
    await subscription.unsubscribe();

    expect(checkpoints).toEqual([all[1]!.event!.position!.commit, all[3]!.event!.position!.commit]);
  });

  it('subscribes from the start when no position is given', async () => {
    await client.appendToStream('a-1', [event(1)]);
    const subscription = client.subscribeToAll({ fromPosition: START });
    const [resolved] = await collect(takeOne(subscription));
    await subscription.unsubscribe();

    expect(resolved?.event?.data).toEqual({ n: 1 });
  });
});

async function* takeOne<E>(source: AsyncIterable<E>): AsyncIterable<E> {
  for await (const item of source) {
    yield item;
    return;
  }
}
