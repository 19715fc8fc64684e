import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { randomUUID } from 'node:crypto';
import { progress, runConcurrently, summarise, type CaseResult } from '../stats';

/**
 * emmett-postgresql 0.42 through the same single-event pattern as our store, on the same server, so
 * that the ratio between the two is measured in one run.
 */
export const benchEmmett = async (
  connectionString: string,
  events: number,
  concurrencies: ReadonlyArray<number>,
): Promise<Record<string, CaseResult>> => {
  const store = getPostgreSQLEventStore(connectionString);
  // the first append creates emmett's schema: keep it out of the timings
  await store.appendToStream(`warmup-${randomUUID()}`, [{ type: 'Warmed', data: { n: 0 } }]);
  const results: Record<string, CaseResult> = {};
  for (const concurrency of concurrencies) {
    const { seconds, latenciesMs } = await runConcurrently(
      events,
      concurrency,
      (i) =>
        store.appendToStream(`ticket-${randomUUID()}`, [
          { type: 'TicketCreated', data: { n: i, subject: 'benchmark ticket' } },
        ]),
      (done) => progress(`emmett c=${concurrency}: ${done}/${events}`),
    );
    results[`single_event_new_streams_c${concurrency}`] = summarise(events, seconds, latenciesMs);
  }
  await store.close();
  return results;
};
