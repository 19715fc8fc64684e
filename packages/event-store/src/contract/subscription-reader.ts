import type { RecordedEvent, Subscription, SubscriptionMessage } from '../port';

const timedOut: unique symbol = Symbol('timed out');

const within = async <A>(promise: Promise<A>, ms: number): Promise<A | typeof timedOut> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const summary = (messages: ReadonlyArray<SubscriptionMessage>) =>
  messages.map((m) => (m.kind === 'event' ? `${m.event.type}@${m.event.globalPosition}` : m.kind));

/**
 * Reads a subscription with deadlines, so that a broken adapter fails a test instead of hanging
 * it. One iterator is kept for the whole test; a `next()` still pending when a deadline passes is
 * reused by the following call rather than asked twice.
 */
export const readSubscription = (subscription: Subscription) => {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;

  const next = async (ms: number) => {
    pending ??= iterator.next();
    const result = await within(pending, ms);
    if (result !== timedOut) pending = undefined;
    return result;
  };

  /** The next `count` messages; throws when they do not all arrive within `timeoutMs`. */
  const take = async (count: number, timeoutMs = 3000): Promise<SubscriptionMessage[]> => {
    const deadline = Date.now() + timeoutMs;
    const messages: SubscriptionMessage[] = [];
    while (messages.length < count) {
      const result = await next(Math.max(0, deadline - Date.now()));
      if (result === timedOut)
        throw new Error(
          `expected ${count} messages within ${timeoutMs} ms, got ${messages.length}: ${summary(messages)}`,
        );
      if (result.done === true)
        throw new Error(`the subscription ended after ${messages.length} of ${count} messages`);
      messages.push(result.value);
    }
    return messages;
  };

  /** The events of the next `count` messages; throws if one of them is not an event. */
  const takeEvents = async (count: number, timeoutMs?: number): Promise<RecordedEvent[]> => {
    const messages = await take(count, timeoutMs);
    return messages.map((m) => {
      if (m.kind !== 'event') throw new Error(`expected only events, got ${summary(messages)}`);
      return m.event;
    });
  };

  /** Throws if a message arrives (or the subscription ends) within `ms`. */
  const expectNothingFor = async (ms: number): Promise<void> => {
    const result = await next(ms);
    if (result !== timedOut)
      throw new Error(
        result.done === true
          ? 'the subscription ended unexpectedly'
          : `expected no more messages, got ${summary([result.value])}`,
      );
  };

  /** Whether iteration ends (after any remaining messages are drained) within `ms`. */
  const endsWithin = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const result = await next(Math.max(0, deadline - Date.now()));
      if (result === timedOut) return false;
      if (result.done === true) return true;
    }
  };

  return { take, takeEvents, expectNothingFor, endsWithin };
};
