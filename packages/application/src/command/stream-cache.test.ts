import * as E from 'fp-ts/Either';
import type { EventStore, StreamChanges } from '@helpdesk/event-store';
import { ann, bob, claimed, setup, stream, testDecider } from './handle-command.fixtures';
import { currentThroughCache, loadThroughCache, lruStreamCache } from './stream-cache';

/** Changes a test sets by hand: which stream changed where, and how far the tail was seen. */
const handChanges = () => {
  const last = new Map<string, bigint>();
  let seen: bigint | undefined;
  const changes: Pick<StreamChanges, 'seenThrough' | 'changedAfter'> = {
    seenThrough: () => seen,
    changedAfter: (name, through) => (last.get(name) ?? -1n) > through,
  };
  return {
    changes,
    changed: (name: string, position: bigint) => last.set(name, position),
    seeThrough: (position: bigint) => (seen = position),
  };
};

/** The store, counting its stream reads. */
const countingReads = (store: EventStore) => {
  const reads: string[] = [];
  const counted: EventStore = {
    appendToStream: store.appendToStream,
    appendMany: store.appendMany,
    readAll: store.readAll,
    headPosition: store.headPosition,
    subscribeToAll: store.subscribeToAll,
    close: store.close,
    readStream: (name, options) => {
      reads.push(name);
      return store.readStream(name, options);
    },
  };
  return { counted, reads };
};

/** The claim held by ann in the store, read through a counting store and a cache (with `changes`, if given). */
const heldByAnn = async (changes?: Pick<StreamChanges, 'seenThrough' | 'changedAfter'>) => {
  const { memory, write } = setup();
  await write(stream, claimed(ann));
  const { counted, reads } = countingReads(memory);
  const cache = lruStreamCache(100, changes);
  const current = () => currentThroughCache(counted, cache, testDecider, stream)();
  const load = () => loadThroughCache(counted, cache, testDecider, stream)();
  return { write, reads, current, load };
};

const holderOf = (result: E.Either<unknown, { state: { holderId: string | null } }>) =>
  E.isRight(result) ? result.right.state.holderId : result.left;

describe('facts read through the command cache', () => {
  it('are read from the store every time when the cache follows no changes', async () => {
    const facts = await heldByAnn();
    for (let i = 0; i < 3; i += 1) expect(holderOf(await facts.current())).toBe(ann);
    expect(facts.reads).toHaveLength(3);
  });

  it('are not read again while no change of their stream is known after the state', async () => {
    const hand = handChanges();
    hand.seeThrough(1n);
    const facts = await heldByAnn(hand.changes);
    for (let i = 0; i < 3; i += 1) expect(holderOf(await facts.current())).toBe(ann);
    expect(facts.reads).toHaveLength(1);
  });

  it('are read again, from their cached revision on, once a later change is known', async () => {
    const hand = handChanges();
    const facts = await heldByAnn(hand.changes);
    expect(holderOf(await facts.current())).toBe(ann);

    await facts.write(stream, claimed(bob));
    // not known yet: the cached state is what the process knows
    expect(holderOf(await facts.current())).toBe(ann);
    hand.changed(stream, 2n);
    expect(holderOf(await facts.current())).toBe(bob);
    expect(holderOf(await facts.current())).toBe(bob);
    expect(facts.reads).toHaveLength(2);
  });

  it('trust a state read after the tail passed a change, though the state is older than it', async () => {
    const hand = handChanges();
    // another stream changed at 5 and the tail has seen it: a read now holds everything up to 5
    hand.changed('claim-other', 5n);
    hand.seeThrough(5n);
    const facts = await heldByAnn(hand.changes);
    await facts.current();
    // a change of this stream known at 4 was in the read (the tail saw it before the read began)
    hand.changed(stream, 4n);
    await facts.current();
    expect(facts.reads).toHaveLength(1);
    hand.changed(stream, 6n);
    await facts.current();
    expect(facts.reads).toHaveLength(2);
  });

  it('never spare the read of a stream a command decides on (`loadThroughCache`)', async () => {
    const hand = handChanges();
    hand.seeThrough(1n);
    const facts = await heldByAnn(hand.changes);
    await facts.load();
    await facts.load();
    expect(facts.reads).toHaveLength(2);
  });
});
