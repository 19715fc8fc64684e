import { createMemoryEventStore } from '../memory';
import type { EventStore, RecordedEvent, Subscription, SubscriptionMessage } from '../port';
import { appendHappened as append } from './append-happened';
import { sharedTail, type TailRead } from './shared-tail';

const positions = (read: TailRead) =>
  read.kind === 'events' ? read.events.map((e) => Number(e.globalPosition)) : read.kind;

/** Reads from `after` until `count` events have come, as a projector would. */
const readAll = async (
  tail: Awaited<ReturnType<typeof sharedTail>>,
  after: bigint | undefined,
  count: number,
) => {
  const seen: RecordedEvent[] = [];
  let at = after;
  while (seen.length < count) {
    const read = await tail.read(at, 7);
    if (read.kind !== 'events') throw new Error(read.kind);
    seen.push(...read.events);
    at = read.events[read.events.length - 1]!.globalPosition;
  }
  return seen;
};

describe('a shared tail of the log', () => {
  it('starts at the head: older positions are behind, newer events reach every reader in order', async () => {
    const store = createMemoryEventStore();
    const head = await append(store, 'ticket-1', 3);
    const tail = await sharedTail(store, { capacity: 100 });
    expect(await tail.read(undefined, 10)).toEqual({ kind: 'behind', oldest: head });
    expect(await tail.read(head - 1n, 10)).toEqual({ kind: 'behind', oldest: head });

    const first = readAll(tail, head, 20);
    const second = readAll(tail, head, 20);
    await append(store, 'ticket-2', 12);
    await append(store, 'user-1', 8);
    const [a, b] = await Promise.all([first, second]);
    expect(a.map((e) => Number(e.globalPosition))).toEqual(
      Array.from({ length: 20 }, (_, i) => Number(head) + 1 + i),
    );
    // one subscription, one object per event, whoever reads it
    expect(b.every((event, i) => event === a[i])).toBe(true);
    await tail.close();
  });

  it('keeps at least `capacity` events; a reader further behind is told so', async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 10 });
    await append(store, 'ticket-1', 25);
    await readAll(tail, undefined, 25);
    const read = await tail.read(undefined, 100);
    expect(read.kind).toBe('behind');
    const oldest = read.kind === 'behind' ? read.oldest! : 0n;
    expect(Number(oldest)).toBeLessThanOrEqual(15);
    expect(positions(await tail.read(oldest, 100))).toEqual(
      Array.from({ length: 25 - Number(oldest) }, (_, i) => Number(oldest) + 1 + i),
    );
    await tail.close();
  });

  it('wakes a waiting reader when closed or when its signal aborts', async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 10 });
    const controller = new AbortController();
    const aborted = tail.read(undefined, 1, controller.signal);
    controller.abort();
    expect(await aborted).toEqual({ kind: 'closed' });
    const waiting = tail.read(undefined, 1);
    await tail.close();
    expect(await waiting).toEqual({ kind: 'closed' });
  });

  it('tells a reader that asked for it when nothing came in time, and hands over events at once', async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 10 });
    const started = Date.now();
    expect(await tail.read(undefined, 5, undefined, 30)).toEqual({ kind: 'idle' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const waiting = tail.read(undefined, 5, undefined, 10_000);
    await append(store, 'ticket-1', 2);
    // woken by the first event that comes, not by the timer
    expect(positions(await waiting)).toEqual(expect.arrayContaining([1]));
    await tail.close();
  });

  it('subscribes again after a failure from the last event received: no gap, no repeat', async () => {
    const store = createMemoryEventStore();
    let failures = 1;
    // the first subscription breaks after delivering three events
    const flaky: Pick<EventStore, 'subscribeToAll' | 'headPosition'> = {
      headPosition: () => store.headPosition(),
      subscribeToAll: (options): Subscription => {
        const inner = store.subscribeToAll(options);
        const fail = failures-- > 0;
        return {
          close: () => inner.close(),
          async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
            let delivered = 0;
            for await (const message of inner) {
              yield message;
              if (message.kind === 'event' && fail && ++delivered === 3)
                throw new Error('connection lost');
            }
          },
        };
      },
    };
    const errors: unknown[] = [];
    const tail = await sharedTail(flaky, {
      capacity: 100,
      retryDelayMs: 1,
      onError: (e) => errors.push(e),
    });
    await append(store, 'ticket-1', 10);
    const seen = await readAll(tail, undefined, 10);
    expect(seen.map((e) => Number(e.globalPosition))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(errors).toHaveLength(1);
    await tail.close();
  });
});
