import * as E from 'fp-ts/Either';
import { createMemoryEventStore } from '../memory';
import { sharedTail } from '../shared-tail';
import { appendHappened as append } from '../shared-tail/append-happened';
import { notingAppends, streamChanges, type StreamChanges } from './stream-changes';

/** Waits until the changes have followed the tail through `position`. */
const seenThrough = async (changes: StreamChanges, position: bigint) => {
  for (let i = 0; i < 200; i += 1) {
    const seen = changes.seenThrough();
    if (seen !== undefined && seen >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the changes never saw ${position}`);
};

/** A store with `before` events already, and changes of `capacity` following a tail opened after them. */
const following = async (capacity: number, before = 0) => {
  const store = createMemoryEventStore();
  const head = before === 0 ? undefined : await append(store, 'user-0', before);
  const tail = await sharedTail(store, { capacity: 100 });
  const changes = streamChanges({ capacity });
  const followed = changes.follow(tail);
  return {
    store,
    changes,
    head,
    /** appends to `stream` (not through `notingAppends`) and waits until the tail delivered it */
    appendSeen: async (stream: string) => {
      const position = await append(store, stream);
      await seenThrough(changes, position);
      return position;
    },
    close: async () => {
      await tail.close();
      await followed;
    },
  };
};

describe('the streams the log changed lately', () => {
  it('vouch for nothing before they follow a tail, nor after it closed', async () => {
    const store = createMemoryEventStore();
    const at = await append(store, 'user-1');
    const changes = streamChanges({ capacity: 10 });
    expect(changes.changedAfter('user-1', at)).toBe(true);

    const tail = await sharedTail(store, { capacity: 100 });
    const followed = changes.follow(tail);
    await seenThrough(changes, await append(store, 'user-2'));
    expect(changes.changedAfter('user-1', at)).toBe(false);

    await tail.close();
    await followed;
    expect(changes.changedAfter('user-1', at)).toBe(true);
  });

  it('know a stream changed after a position once the tail delivered one of its events above it', async () => {
    const log = await following(10);
    const first = await log.appendSeen('user-1');
    expect(log.changes.changedAfter('user-1', first)).toBe(false);

    const second = await log.appendSeen('user-1');
    expect(log.changes.changedAfter('user-1', first)).toBe(true);
    expect(log.changes.changedAfter('user-1', second)).toBe(false);
    expect(log.changes.changedAfter('user-2', first)).toBe(false);
    await log.close();
  });

  it("know this process's appends at once, before the tail delivers them", async () => {
    const log = await following(10);
    const first = await log.appendSeen('user-1');
    const noting = notingAppends(log.store, log.changes);
    await append(noting, 'user-1');
    expect(log.changes.changedAfter('user-1', first)).toBe(true);

    const many = await noting.appendMany([
      { streamName: 'user-2', events: [], expectedRevision: 'any' },
      {
        streamName: 'user-3',
        events: [{ id: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }],
        expectedRevision: 'any',
      },
    ])();
    expect(many.every(E.isRight)).toBe(true);
    expect(log.changes.changedAfter('user-3', first)).toBe(true);
    await log.close();
  });

  it('count a stream whose change was forgotten as changed, up to the last forgotten position', async () => {
    const log = await following(2);
    const a = await log.appendSeen('user-a');
    await log.appendSeen('user-b');
    const c = await log.appendSeen('user-c');
    // user-a was forgotten to keep two: any stream not remembered may have changed through `a`
    expect(log.changes.changedAfter('user-a', a - 1n)).toBe(true);
    expect(log.changes.changedAfter('user-z', a - 1n)).toBe(true);
    expect(log.changes.changedAfter('user-z', a)).toBe(false);
    expect(log.changes.changedAfter('user-c', c - 1n)).toBe(true);
    await log.close();
  });

  it('count every stream as changed up to where the tail starts: what came before it was not seen', async () => {
    const log = await following(100, 3);
    const before = log.head!;
    await log.appendSeen('user-1');
    expect(log.changes.changedAfter('user-9', before - 1n)).toBe(true);
    expect(log.changes.changedAfter('user-9', before)).toBe(false);
    expect(log.changes.changedAfter('user-1', before)).toBe(true);
    await log.close();
  });
});
