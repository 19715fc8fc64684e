import * as E from 'fp-ts/Either';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EventStore } from '@helpdesk/event-store';
import type { ReadModels } from '../deps';

/** The service's metrics (api.md `/metrics`): request latency, appends, projection lag. */
export const apiMetrics = (registry: Registry, readModels: ReadModels) => {
  const requestDuration = new Histogram({
    name: 'helpdesk_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const eventsAppended = new Counter({
    name: 'helpdesk_events_appended_total',
    help: 'Events appended to the event store by this process',
    registers: [registry],
  });
  const lag = readModels.lag;
  if (lag !== undefined)
    new Gauge({
      name: 'helpdesk_projection_lag_events',
      help: 'Events of the log a projection has not processed yet',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        const lags = await lag();
        if (E.isLeft(lags)) return;
        for (const l of lags.right) this.set({ projection: l.name }, l.eventsBehind);
      },
    });
  return { registry, requestDuration, eventsAppended };
};

/** The event store, counting the events each successful append recorded. */
export const countingStore = (store: EventStore, counter: Counter): EventStore => ({
  appendToStream: (streamName, events, options) => async () => {
    const result = await store.appendToStream(streamName, events, options)();
    if (E.isRight(result)) counter.inc(events.length);
    return result;
  },
  appendMany: (requests) => async () => {
    const results = await store.appendMany(requests)();
    results.forEach((result, i) => {
      if (E.isRight(result)) counter.inc(requests[i]?.events.length ?? 0);
    });
    return results;
  },
  readStream: (name, options) => store.readStream(name, options),
  readAll: (options) => store.readAll(options),
  headPosition: () => store.headPosition(),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});
