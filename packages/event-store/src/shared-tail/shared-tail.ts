import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent } from '../port';

/** What a reader of the tail gets: the next events after its position, or why there are none. */
export type TailRead =
  | { readonly kind: 'events'; readonly events: ReadonlyArray<RecordedEvent> }
  /** the position asked for is older than the tail holds: read the log from there, then come back */
  | { readonly kind: 'behind'; readonly oldest: bigint | undefined }
  /** the tail was closed or the reader's signal aborted */
  | { readonly kind: 'closed' }
  /** nothing new came within the `idleAfterMs` the reader asked for */
  | { readonly kind: 'idle' };

export interface SharedTail {
  /**
   * Events strictly after `after`, at most `max`, in log order; waits until there is at least one.
   * Readers share the events: each keeps its own position, none waits for another.
   */
  readonly read: (
    after: bigint | undefined,
    max: number,
    signal?: AbortSignal,
    idleAfterMs?: number,
  ) => Promise<TailRead>;
  readonly close: () => Promise<void>;
}

export interface SharedTailOptions {
  /** events kept for readers that lag; one that falls further behind reads the log itself */
  readonly capacity: number;
  /** pause before subscribing again after the subscription failed */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * One subscription to the live end of the log shared by many readers (a process's projectors), in
 * place of one subscription each: the store is read once per append instead of once per reader, and
 * the events are the same objects for every reader, so work derived from them (decoding) can be
 * shared too. The tail starts at the head as it is when created and keeps the last `capacity`
 * events: a reader asking for anything older is told it is `behind`, reads the log in pages, and
 * comes back. The subscription is renewed after a failure from the last event received, so readers
 * never see a gap.
 */
export const sharedTail = async (
  store: Pick<EventStore, 'subscribeToAll' | 'headPosition'>,
  options: SharedTailOptions,
): Promise<SharedTail> => {
  const head = await store.headPosition()();
  if (E.isLeft(head))
    throw new Error(`the tail could not read the head of the log: ${head.left.kind}`);
  /** every event after `start` and up to the last received is in `events` */
  let start: bigint | undefined = head.right;
  let events: RecordedEvent[] = [];
  let closed = false;
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
    waiters.clear();
  };
  let subscription: ReturnType<EventStore['subscribeToAll']> | undefined;

  const last = (): bigint | undefined => events[events.length - 1]?.globalPosition ?? start;

  const keep = (event: RecordedEvent) => {
    events.push(event);
    if (events.length > options.capacity * 2) {
      // drop the oldest half at once: trimming one by one would copy the array on every event
      const dropped = events.length - options.capacity;
      start = events[dropped - 1]!.globalPosition;
      events = events.slice(dropped);
    }
  };

  const pump = (async () => {
    while (!closed) {
      try {
        const from = last();
        subscription = store.subscribeToAll(from === undefined ? {} : { after: from });
        for await (const message of subscription) {
          if (closed) break;
          if (message.kind !== 'event') continue;
          keep(message.event);
          wakeAll();
        }
      } catch (error) {
        options.onError?.(error);
      }
      if (!closed) await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 100));
    }
  })();

  /** index of the first event after `after` (binary search: positions increase) */
  const firstAfter = (after: bigint): number => {
    let low = 0;
    let high = events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (events[middle]!.globalPosition <= after) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const read = async (
    after: bigint | undefined,
    max: number,
    signal?: AbortSignal,
    idleAfterMs?: number,
  ): Promise<TailRead> => {
    // a timer only when the reader has to wait: most reads find events at once
    let idle = false;
    for (;;) {
      if (idle) return { kind: 'idle' };
      if (closed || signal?.aborted === true) return { kind: 'closed' };
      if (start !== undefined && (after === undefined || after < start))
        return { kind: 'behind', oldest: start };
      const from = after === undefined ? 0 : firstAfter(after);
      if (from < events.length) return { kind: 'events', events: events.slice(from, from + max) };
      await new Promise<void>((resolve) => {
        const timer =
          idleAfterMs === undefined
            ? undefined
            : setTimeout(() => {
                idle = true;
                wake();
              }, idleAfterMs);
        const wake = () => {
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  };

  return {
    read,
    close: async () => {
      closed = true;
      wakeAll();
      await subscription?.close();
      await pump;
    },
  };
};
