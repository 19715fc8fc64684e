import { START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
} from '@eventstore/db-client';
import type {
  RecordedEvent,
  StoreError,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '../port';
import { MessageQueue } from './message-queue';
import { lastPositionKept } from './reads';
import { clientPosition, keeps, recordedEventOf, serverFilter } from './recorded-events';
import { storeErrorOf } from './store-errors';

export interface EsdbSubscriptionOptions extends SubscribeOptions {
  /** told of each failure; the subscription resubscribes after its last event until it is closed */
  readonly onError?: (error: StoreError) => void;
  /** first pause before resubscribing, doubled up to `maxRetryDelayMs` (100 ms and 5 s when absent) */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** undelivered messages past which the client's stream is paused (resumed below a tenth); 1000 when absent */
  readonly bufferSize?: number;
  /** called once when the subscription is closed */
  readonly onClose?: () => void;
}

/** Resolves after `ms`, or at once when the signal aborts. */
const pause = (signal: AbortSignal, ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Until the client's stream fails (rejects), ends (resolves), or the signal aborts (resolves). */
const untilFinished = (source: AllStreamSubscription, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    source.on('error', reject);
    source.once('close', () => resolve());
    source.once('end', () => resolve());
    signal.addEventListener('abort', () => resolve(), { once: true });
  });

/**
 * A catch-up subscription on EventStoreDB's own: the server sends the events after the
 * checkpoint, then live ones. `caught_up` is placed by the position of the last event the filter
 * kept when the subscription started, read first: on every server version, and before any event
 * appended after the start. Should the stream fail, it resubscribes after the last event
 * delivered, so that each event still arrives once and in order.
 */
export const esdbSubscription = (
  client: EventStoreDBClient,
  options: EsdbSubscriptionOptions = {},
): Subscription => {
  const keep = keeps(options.filter);
  const queue = new MessageQueue<SubscriptionMessage>();
  const controller = new AbortController();
  const { signal } = controller;
  let cursor = options.after;
  let caughtUpAt: { readonly position: bigint | undefined } | undefined;
  let caughtUp = false;
  let source: AllStreamSubscription | undefined;
  const highWater = options.bufferSize ?? 1000;
  const lowWater = Math.ceil(highWater / 10);
  const firstDelay = options.retryDelayMs ?? 100;
  let delay = firstDelay;

  const announceCaughtUp = () => {
    caughtUp = true;
    queue.push({ kind: 'caught_up' });
  };

  const deliver = (event: RecordedEvent, target: bigint) => {
    if (!keep(event) || (cursor !== undefined && event.globalPosition <= cursor)) return;
    if (!caughtUp && event.globalPosition > target) announceCaughtUp();
    cursor = event.globalPosition;
    queue.push({ kind: 'event', event });
    if (!caughtUp && event.globalPosition === target) announceCaughtUp();
    if (queue.length >= highWater) source?.pause();
  };

  const subscribeOnce = async () => {
    if (caughtUpAt === undefined) {
      caughtUpAt = { position: await lastPositionKept(client, keep, cursor) };
      if (caughtUpAt.position === undefined) announceCaughtUp();
    }
    if (signal.aborted) return;
    const target = caughtUpAt.position ?? -1n;
    source = client.subscribeToAll({
      fromPosition: cursor === undefined ? START : clientPosition(cursor),
      filter: serverFilter(options.filter),
    });
    source.once('confirmation', () => {
      delay = firstDelay;
    });
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = recordedEventOf(resolved);
      if (event !== undefined) deliver(event, target);
    });
    await untilFinished(source, signal);
  };

  const run = async () => {
    while (!signal.aborted) {
      try {
        await subscribeOnce();
      } catch (error) {
        if (signal.aborted) return;
        options.onError?.(storeErrorOf(error));
      }
      await pause(signal, delay);
      delay = Math.min(delay * 2, options.maxRetryDelayMs ?? 5000);
    }
  };
  // started a tick later, so that a subscription closed at once never reaches the server
  queueMicrotask(() => void run());

  const close = async () => {
    if (signal.aborted) return;
    controller.abort();
    queue.end();
    await source?.unsubscribe();
    options.onClose?.();
  };

  const iterator: AsyncIterableIterator<SubscriptionMessage> = {
    next: async () => {
      const result = await queue.next();
      if (source?.isPaused() === true && queue.length < lowWater) source.resume();
      return result;
    },
    return: async () => {
      await close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { [Symbol.asyncIterator]: () => iterator, close };
};
