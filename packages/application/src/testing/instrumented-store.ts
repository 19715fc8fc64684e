import type { EventStore, ExpectedRevision } from '@helpdesk/event-store';

export interface AppendCall {
  readonly streamName: string;
  readonly expectedRevision: ExpectedRevision | undefined;
  readonly eventCount: number;
}

export interface StoreHooks {
  /** runs before the `n`th append reaches the store: a test's chance to race it */
  readonly beforeAppend?: (call: AppendCall, n: number) => Promise<void>;
}

/** Wraps a store to record each append and let a test interleave its own writes. */
export const instrumentedStore = (inner: EventStore, hooks: StoreHooks = {}) => {
  const appends: AppendCall[] = [];
  const store: EventStore = {
    appendToStream: (streamName, events, options) => async () => {
      const call = {
        streamName,
        expectedRevision: options?.expectedRevision,
        eventCount: events.length,
      };
      appends.push(call);
      await hooks.beforeAppend?.(call, appends.length);
      return inner.appendToStream(streamName, events, options)();
    },
    appendMany: (requests) => inner.appendMany(requests),
    readStream: (streamName, options) => inner.readStream(streamName, options),
    readAll: (options) => inner.readAll(options),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    close: () => inner.close(),
  };
  return { store, appends };
};
