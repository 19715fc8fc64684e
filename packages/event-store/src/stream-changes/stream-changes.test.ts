import * as E from 'fp-ts/Either';
import { createMemoryEventStore } from '../memory';
import type { EventStore } from '../port';
import { sharedTail } from '../shared-tail';
import { notingAppends, streamChanges, type StreamChanges } from './stream-changes';

const append = async (store: EventStore, stream: string, count = 1) => {
  const events = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    type: 'Happened',
    data: { n: i },
    metadata: {},
  }));
  const appended = await store.appendToStream(stream, events)();
  if (E.isLeft(appended)) throw new Error(appended.left.kind);
  return appended.right.position;
};

/** Waits until the changes have followed the tail through `position`. */
const seenThrough = async (changes: StreamChanges, position: bigint) => {
  for (let i = 0; i < 200; i += 1) {
    const seen = changes.seenThrough();
    if (seen !== undefined && seen >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the changes never saw ${position}`);
};

describe('the streams the log changed lately', () => {
  it('vouch for nothing before they follow a tail, nor after it closed', async () => {
    const store = createMemoryEventStore();
    const at = await append(store, 'user-1');
    const changes = streamChanges({ capacity: 10 });
    expect(changes.changedAfter('user-1', at)).toBe(true);

    const tail = await sharedTail(store, { capacity: 100 });
    const following = changes.follow(tail);
    const later = await append(store, 'user-2');
    await seenThrough(changes, later);
    expect(changes.changedAfter('user-1', at)).toBe(false);

    await tail.close();
    await following;
    expect(changes.changedAfter('user-1', at)).toBe(true);
  });

  it('know a stream changed after a position once the tail delivered one of its events above it', async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 100 });
    const changes = streamChanges({ capacity: 10 });
    const following = changes.follow(tail);
    const first = await append(store, 'user-1');
    await seenThrough(changes, first);
    expect(changes.changedAfter('user-1', first)).toBe(false);

    // another writer (not through `notingAppends`): known once the tail delivers it
    const second = await append(store, 'user-1');
    await seenThrough(changes, second);
    expect(changes.changedAfter('user-1', first)).toBe(true);
    expect(changes.changedAfter('user-1', second)).toBe(false);
    expect(changes.changedAfter('user-2', first)).toBe(false);
    await tail.close();
    await following;
  });

  it("know this process's appends at once, before the tail delivers them", async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 100 });
    const changes = streamChanges({ capacity: 10 });
    const following = changes.follow(tail);
    const first = await append(store, 'user-1');
    await seenThrough(changes, first);

    const noting = notingAppends(store, changes);
    await append(noting, 'user-1');
    expect(changes.changedAfter('user-1', first)).toBe(true);

    const many = await noting.appendMany([
      { streamName: 'user-2', events: [], expectedRevision: 'any' },
      {
        streamName: 'user-3',
        events: [{ id: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }],
        expectedRevision: 'any',
      },
    ])();
    expect(many.every(E.isRight)).toBe(true);
    expect(changes.changedAfter('user-3', first)).toBe(true);
    await tail.close();
    await following;
  });

  it('count a stream whose change was forgotten as changed, up to the last forgotten position', async () => {
    const store = createMemoryEventStore();
    const tail = await sharedTail(store, { capacity: 100 });
    const changes = streamChanges({ capacity: 2 });
    const following = changes.follow(tail);
    const a = await append(store, 'user-a');
    await append(store, 'user-b');
    const c = await append(store, 'user-c');
    await seenThrough(changes, c);
    // user-a was forgotten to keep two: any stream not remembered may have changed through `a`
    expect(changes.changedAfter('user-a', a - 1n)).toBe(true);
    expect(changes.changedAfter('user-z', a - 1n)).toBe(true);
    expect(changes.changedAfter('user-z', a)).toBe(false);
    expect(changes.changedAfter('user-c', c - 1n)).toBe(true);
    await tail.close();
    await following;
  });

  it('count every stream as changed up to where the tail starts: what came before it was not seen', async () => {
    const store = createMemoryEventStore();
    const before = await append(store, 'user-0', 3);
    const tail = await sharedTail(store, { capacity: 100 });
    const changes = streamChanges({ capacity: 100 });
    const following = changes.follow(tail);
    const first = await append(store, 'user-1');
    await seenThrough(changes, first);
    expect(changes.changedAfter('user-9', before - 1n)).toBe(true);
    expect(changes.changedAfter('user-9', before)).toBe(false);
    expect(changes.changedAfter('user-1', before)).toBe(true);
    await tail.close();
    await following;
  });
});
