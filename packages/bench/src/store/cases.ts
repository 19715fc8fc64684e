import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { EventStore, EventToAppend } from '@helpdesk/event-store';
import { progress, runConcurrently, summarise, type CaseResult } from '../stats';

const accountId = randomUUID();

/** A ticket-sized event with the metadata every event carries. */
const ticketEvent = (n: number): EventToAppend => {
  const ticketId = randomUUID();
  return {
    id: randomUUID(),
    type: 'TicketCreated',
    data: {
      ticket_id: ticketId,
      account_id: accountId,
      subject: `Benchmark ticket ${n}`,
      requester_id: randomUUID(),
      submitter_id: randomUUID(),
      organization_id: null,
      status: 'new',
      channel: 'api',
      collaborator_ids: [],
    },
    metadata: {
      account_id: accountId,
      actor: { type: 'system', id: null },
      correlation_id: `bench-${n}`,
      causation_id: null,
      occurred_at: new Date().toISOString(),
      via: { channel: 'api', rel: null },
      schema_version: 1,
    },
  };
};

const ok = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result))
    throw new Error(
      `append failed: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
    );
  return result.right;
};

/** The store benchmark's cases for one adapter (issue 3). */
export const benchStore = async (
  name: string,
  store: EventStore,
  events: number,
  concurrencies: ReadonlyArray<number>,
): Promise<Record<string, CaseResult>> => {
  const results: Record<string, CaseResult> = {};
  await ok(
    store.appendToStream(`warmup-${randomUUID()}`, [ticketEvent(0)], {
      expectedRevision: 'no_stream',
    }),
  );

  for (const concurrency of concurrencies) {
    const { seconds, latenciesMs } = await runConcurrently(
      events,
      concurrency,
      (i) =>
        ok(
          store.appendToStream(`ticket-${randomUUID()}`, [ticketEvent(i)], {
            expectedRevision: 'no_stream',
          }),
        ),
      (done) => progress(`${name} one-event appends c=${concurrency}: ${done}/${events}`),
    );
    results[`single_event_new_streams_c${concurrency}`] = summarise(events, seconds, latenciesMs);
  }

  const stream = `ticket-${randomUUID()}`;
  const batch = 100;
  let revision: bigint | 'no_stream' = 'no_stream';
  const { seconds: oneStreamSeconds, latenciesMs: oneStreamLatencies } = await runConcurrently(
    Math.ceil(events / batch),
    1,
    async (i) => {
      const appended = await ok(
        store.appendToStream(
          stream,
          Array.from({ length: batch }, (_, j) => ticketEvent(i * batch + j)),
          {
            expectedRevision: revision,
          },
        ),
      );
      revision = appended.nextExpectedRevision;
    },
  );
  results[`one_stream_appends_of_${batch}`] = summarise(
    events,
    oneStreamSeconds,
    oneStreamLatencies,
  );

  const requests = Array.from({ length: events }, (_, i) => ({
    streamName: `ticket-${randomUUID()}`,
    events: [ticketEvent(i)],
    expectedRevision: 'no_stream' as const,
  }));
  progress(`${name} appendMany of ${events} one-event streams`);
  const started = process.hrtime.bigint();
  const outcomes = await store.appendMany(requests)();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = outcomes.filter(E.isLeft).length;
  if (failed > 0) throw new Error(`${failed} of the appendMany requests failed`);
  results[`append_many_${events}_streams`] = summarise(events, seconds, [seconds * 1000]);
  return results;
};
