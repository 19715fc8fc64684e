import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import type { Checkpoint } from './checkpoints';

/** The live tail of the log as batches: whatever arrived while the previous batch was applied. */
export interface LiveBatches {
  /** the next events, at most `max`; waits for one; undefined once the subscription has ended */
  next(max: number): Promise<ReadonlyArray<RecordedEvent> | undefined>;
  close(): Promise<void>;
}

/**
 * Pumps the store's subscription into a buffer that the projector drains a batch at a time, so a
 * burst of appends becomes one transaction rather than one per event. The pump pauses while the
 * buffer holds `highWater` events: a slow projection holds events in memory only up to that.
 */
export const liveBatches = (
  store: Pick<EventStore, 'subscribeToAll'>,
  after: Checkpoint,
  highWater: number,
): LiveBatches => {
  const subscription = store.subscribeToAll(after === undefined ? {} : { after });
  const buffer: RecordedEvent[] = [];
  let ended = false;
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
      }
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
      if (buffer.length === 0) return undefined;
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
      await pump.catch(() => undefined);
    },
  };
};
