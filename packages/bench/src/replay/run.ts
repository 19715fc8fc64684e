import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import { asOfHead, readTicketHistory, replayTicket, ticketReplayJson } from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import { openEventStore } from '@helpdesk/event-store';
import { freshDatabase } from '../fresh-database';
import { progress, summarise } from '../stats';
import { busyTicket } from './ticket-log';

/**
 * `pnpm bench replay`: a ticket with 1,000 events in PostgreSQL (DATABASE_URL, or the local
 * server), in a database of its own, opened as `helpdesk` opens it (hash-chained). Each run replays
 * it as `helpdesk replay ticket` does: reads its stream, decodes every event and folds them; one run
 * after the other, after a warm-up. Target (issue 8): under 20 ms. For comparison, the store's own
 * read of the stream and the JSON rendering are timed apart. Figures on stdout, the last line one
 * JSON object.
 */

const serverUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const events = Number(process.env['BENCH_EVENTS'] ?? 1000);
const runs = Number(process.env['BENCH_RUNS'] ?? 500);
const warmUp = Math.min(50, runs);
const targetMs = 20;

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

const main = async () => {
  const database = await freshDatabase(serverUrl, 'replay');
  const store = await openEventStore({ EVENT_STORE_URL: database.url });
  try {
    const ticketId = randomUUID();
    const log = busyTicket(ticketId, events);
    for (let from = 0; from < log.length; from += 100) {
      const appended = await store.appendToStream(
        streams.ticket(ticketId),
        log.slice(from, from + 100),
        {
          expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1),
        },
      )();
      if (E.isLeft(appended)) throw new Error(`append failed: ${appended.left.kind}`);
    }
    progress(`a ticket with ${log.length} events appended; ${warmUp} warm-up runs, then ${runs}`);

    // what `helpdesk replay ticket` and the replay route do before rendering: read, decode, fold
    const replayOnce = async () => {
      const history = await readTicketHistory(store, ticketId)();
      if (E.isLeft(history)) throw new Error(`read failed: ${history.left.kind}`);
      const replay = replayTicket(history.right, asOfHead);
      if (E.isLeft(replay) || !replay.right.ticket.exists) throw new Error('nothing replayed');
      return replay.right;
    };
    const timed = async <A>(label: string, work: () => Promise<A>) => {
      for (let i = 0; i < warmUp; i++) await work();
      const latencies: number[] = [];
      const started = process.hrtime.bigint();
      let last: A | undefined;
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        last = await work();
        latencies.push(ms(t0));
      }
      progress(`${label}: ${runs} runs`);
      return { last: last!, figures: summarise(runs * events, ms(started) / 1000, latencies) };
    };

    const replayed = await timed('replay', replayOnce);
    if (!replayed.last.ticket.exists || replayed.last.ticket.version !== BigInt(events - 1))
      throw new Error(`replayed the wrong ticket: ${JSON.stringify(replayed.last.asOf, String)}`);
    // for comparison: the store's own read of the stream, and rendering the replay as JSON
    const storeRead = await timed('store read', () => store.readStream(streams.ticket(ticketId))());
    const rendered = await timed('JSON', async () =>
      JSON.stringify(ticketReplayJson(replayed.last, { seesPrivateComments: true })),
    );
    const { p50Ms, p99Ms } = replayed.figures;
    const machine = { cpus: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))) };
    process.stdout.write(
      [
        `replay of one ticket with ${events} events, ${runs} runs each (PostgreSQL, chained store)`,
        `  read + decode + fold: p50 ${p50Ms} ms, p99 ${p99Ms} ms (target < ${targetMs} ms)`,
        `  the store's read of the stream alone: p50 ${storeRead.figures.p50Ms} ms, p99 ${storeRead.figures.p99Ms} ms`,
        `  rendering the JSON (${rendered.last.length} bytes): p50 ${rendered.figures.p50Ms} ms`,
        `  machine: ${machine.cpus} cores, load ${machine.load.join(' ')} (other jobs share it)`,
        '',
      ].join('\n'),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'replay',
        events,
        runs,
        p50Ms,
        p99Ms,
        storeReadP50Ms: storeRead.figures.p50Ms,
        jsonP50Ms: rendered.figures.p50Ms,
        targetMs,
        met: p50Ms < targetMs,
        load: machine.load,
      })}\n`,
    );
  } finally {
    await store.close();
    await database.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
