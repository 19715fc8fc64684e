import type { RecordedEvent, Subscription } from '@helpdesk/event-store';

/** A subscription read as batches: whatever arrived while the previous batch was handled. */
export interface EventBatches {
  /** the next events, at most `max`; waits for one; undefined once the subscription has ended */
  next(max: number): Promise<ReadonlyArray<RecordedEvent> | undefined>;
  close(): Promise<void>;
}

/**
 * Pumps a subscription into a buffer that is drained a batch at a time, so that a burst of events
 * (a merge's own ten thousand) is handled in a few steps rather than one by one. The pump pauses
 * while `highWater` events wait, which bounds the memory a slow process manager holds.
 */
export const eventBatches = (subscription: Subscription, highWater: number): EventBatches => {
  const buffer: RecordedEvent[] = [];
  let ended = false;
  let failure: unknown;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;

  const pump = (async () => {
    try {
      for await (const message of subscription) {
        if (message.kind !== 'event') continue;
        buffer.push(message.event);
        wakeConsumer?.();
        if (buffer.length >= highWater)
          await new Promise<void>((resolve) => {
            wakeProducer = resolve;
          });
        if (ended) break;
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wakeConsumer?.();
    }
  })();

  return {
    next: async (max) => {
      while (buffer.length === 0 && !ended)
        await new Promise<void>((resolve) => {
          wakeConsumer = resolve;
        });
      wakeConsumer = undefined;
      if (buffer.length === 0) {
        if (failure !== undefined) throw failure;
        return undefined;
      }
      const batch = buffer.splice(0, max);
      const resume = wakeProducer;
      wakeProducer = undefined;
      resume?.();
      return batch;
    },
    close: async () => {
      ended = true;
      wakeProducer?.();
      wakeConsumer?.();
      await subscription.close();
      await pump;
    },
  };
};
