import * as E from 'fp-ts/Either';
import type { EventStore } from '../port';
import type { SharedTail } from '../shared-tail';

/**
 * Which streams changed lately, as this process knows: the events the live tail delivered and the
 * appends this process made. It lets a process trust a stream's state it holds without reading the
 * stream again: if no event of the stream is known after the state, the state is current up to
 * what the tail has delivered (this process's own appends at once, other processes' a tail's lag
 * later).
 */
export interface StreamChanges {
  /** the tail has been followed through here: a read started now sees every event up to it */
  readonly seenThrough: () => bigint | undefined;
  /**
   * Whether the stream may hold an event after `through`: one was seen, or the stream's last
   * change was forgotten (only the `capacity` most recently changed streams are remembered), or
   * the tail is no longer followed.
   */
  readonly changedAfter: (streamName: string, through: bigint) => boolean;
  /** an event of the stream at this position: delivered by the tail, or appended here */
  readonly changed: (streamName: string, position: bigint) => void;
  /** follows the tail until it closes; the changes vouch for nothing before this is called */
  readonly follow: (tail: SharedTail) => Promise<void>;
}

const later = (a: bigint | undefined, b: bigint): bigint => (a === undefined || b > a ? b : a);

export const streamChanges = (options: { readonly capacity: number }): StreamChanges => {
  /** each stream's last known change, the least recently changed first (a Map keeps insertion order) */
  const last = new Map<string, bigint>();
  /** every stream whose change was forgotten changed at or below this */
  let forgottenThrough: bigint | undefined;
  let seen: bigint | undefined;
  let following = false;

  const changed = (streamName: string, position: bigint) => {
    const known = last.get(streamName);
    if (known !== undefined && known >= position) return;
    last.delete(streamName);
    last.set(streamName, position);
    if (last.size > options.capacity) {
      const [oldest, at] = last.entries().next().value as [string, bigint];
      last.delete(oldest);
      forgottenThrough = later(forgottenThrough, at);
    }
  };

  const follow = async (tail: SharedTail) => {
    try {
      for (;;) {
        const read = await tail.read(seen, 1000);
        if (read.kind === 'closed') return;
        // from the first answer on, every change after the tail's start is seen or forgotten
        following = true;
        if (read.kind === 'behind') {
          // the events between were not seen: any stream may have changed up to where the tail starts
          if (read.oldest !== undefined) forgottenThrough = later(forgottenThrough, read.oldest);
          seen = read.oldest;
          continue;
        }
        if (read.kind !== 'events') continue;
        for (const event of read.events) changed(event.streamName, event.globalPosition);
        seen = read.events[read.events.length - 1]?.globalPosition ?? seen;
      }
    } finally {
      following = false;
    }
  };

  return {
    seenThrough: () => seen,
    changedAfter: (streamName, through) => {
      if (!following) return true;
      const known = last.get(streamName) ?? forgottenThrough;
      return known !== undefined && known > through;
    },
    changed,
    follow,
  };
};

/** The store, telling `changes` of each append it makes as soon as the append succeeds. */
export const notingAppends = (store: EventStore, changes: StreamChanges): EventStore => ({
  appendToStream: (streamName, events, options) => async () => {
    const result = await store.appendToStream(streamName, events, options)();
    if (E.isRight(result)) changes.changed(streamName, result.right.position);
    return result;
  },
  appendMany: (requests) => async () => {
    const results = await store.appendMany(requests)();
    results.forEach((result, i) => {
      const request = requests[i];
      if (E.isRight(result) && request !== undefined)
        changes.changed(request.streamName, result.right.position);
    });
    return results;
  },
  readStream: (streamName, options) => store.readStream(streamName, options),
  readAll: (options) => store.readAll(options),
  ...(store.readAllEach === undefined ? {} : { readAllEach: store.readAllEach.bind(store) }),
  headPosition: () => store.headPosition(),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});
