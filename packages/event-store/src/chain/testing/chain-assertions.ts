import type { EventStore, RecordedEvent } from '../../port';
import { chainOf, recomputedHash } from '../event-hash';

/** Each event's chain as recorded; throws for an event without one. */
export const chainsOf = (events: ReadonlyArray<RecordedEvent>) =>
  events.map((event) => {
    const recorded = chainOf(event.metadata);
    if (recorded.kind !== 'chained')
      throw new Error(`${event.streamName}@${event.revision} has no chain (${recorded.kind})`);
    return recorded.chain;
  });

/**
 * What a stream's chain should be, recomputed from the events as read: each hash over its content,
 * each `previous` the hash before it (null first). Compared with `chainsOf` by the tests.
 */
export const expectedChains = (events: ReadonlyArray<RecordedEvent>) => {
  let previous: string | null = null;
  return events.map((event) => {
    const hash = recomputedHash(event, previous);
    const link = { previous, hash };
    previous = hash;
    return link;
  });
};

/** The store with a count of the stream reads made through it. */
export const countingReads = (store: EventStore) => {
  let reads = 0;
  const counting: EventStore = {
    ...store,
    readStream: (streamName, options) => {
      reads += 1;
      return store.readStream(streamName, options);
    },
  };
  return { store: counting, reads: () => reads };
};
