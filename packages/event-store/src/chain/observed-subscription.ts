import type { RecordedEvent, Subscription } from '../port';

/** The subscription as it is, with every event it delivers shown to `onEvent` first. */
export const observedSubscription = (
  subscription: Subscription,
  onEvent: (event: RecordedEvent) => void,
): Subscription => ({
  close: () => subscription.close(),
  async *[Symbol.asyncIterator]() {
    for await (const message of subscription) {
      if (message.kind === 'event') onEvent(message.event);
      yield message;
    }
  },
});
