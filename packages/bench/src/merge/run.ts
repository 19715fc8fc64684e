import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import pino from 'pino';
import {
  eventually,
  openDeskOn,
  requestMerge,
  succeed,
  uuidGenerator,
  type AppError,
  type Desk,
} from '@helpdesk/application';
import type { TicketStatus, Uuid } from '@helpdesk/events';
import {
  chainedEventStore,
  openPgEventStore,
  poolClient,
  type EventStore,
  type SqlClient,
} from '@helpdesk/event-store';
import { countTicketsRequestedBy } from '@helpdesk/projections';
import { startWorker, type Worker } from '@helpdesk/worker';
import { freshDatabase } from '../fresh-database';
import { oneCommandAtATime } from './one-at-a-time';

/**
 * `pnpm bench merge`: a user with 10,000 requested tickets (mixed statuses, some archived) and
 * 1,000 more tickets where they are CC, merged into another user on PostgreSQL, from the request
 * until the tickets read model and the audits show the target on every ticket. In the same run,
 * the same rewrite for a second pair of users, one command at a time. Run from the sources (see
 * `main.ts`); figures on stdout, the last line one JSON object.
 */

const requested = Number(process.env['BENCH_TICKETS'] ?? 10_000);
const copied = Math.round(requested / 10);
const statuses: ReadonlyArray<TicketStatus> = [
  'new',
  'open',
  'pending',
  'hold',
  'solved',
  'closed',
];

const progress = (message: string) => process.stderr.write(`  … ${message}\n`);
const ms = (from: bigint) => Math.round(Number(process.hrtime.bigint() - from) / 1e6);

/** A pair of users: the source requests `requested` tickets and is CC on `copied` of someone else's. */
const pairWithTickets = async (desk: Desk, name: string) => {
  const source = await desk.endUser(`${name} (duplicate)`, { emails: [`${name}@old.example`] });
  const target = await desk.endUser(name, { emails: [`${name}@new.example`] });
  const other = await desk.endUser(`${name}'s colleague`, {
    emails: [`${name}.colleague@example.com`],
  });
  await desk.manyTickets(requested, (i) => ({
    requesterId: source,
    status: statuses[i % statuses.length]!,
    archived: i % 10 === 9,
  }));
  await desk.manyTickets(copied, (i) => ({
    requesterId: other,
    status: statuses[i % statuses.length]!,
    archived: i % 10 === 9,
    ccs: [source],
  }));
  return { source, target };
};

const countOf = async (client: SqlClient, text: string, params: unknown[]) =>
  (await client.query<{ n: number }>(text, params)).rows[0]!.n;

/**
 * Polls until the read models show the target on every ticket of the source, and the audits say
 * so. The cheap questions first (index scans), the audits (a scan) only once they are answered.
 */
const untilReadModelsShow = async (client: SqlClient, source: Uuid, correlationId: string) => {
  const openCopies = copied - Math.floor(copied / 10);
  const done = async () =>
    (await countOf(client, 'SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1', [
      source,
    ])) === 0 &&
    (await countOf(
      client,
      `SELECT count(*)::int AS n FROM tickets
       WHERE collaborator_ids @> ARRAY[$1::uuid] AND NOT archived`,
      [source],
    )) === 0 &&
    (await countOf(
      client,
      `SELECT count(*)::int AS n FROM ticket_audits
       WHERE correlation_id = $1 AND event_type IN ('RequesterChanged', 'CollaboratorReplaced')`,
      [correlationId],
    )) ===
      requested + openCopies;
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
};

const headOf = async (store: EventStore) => {
  const head = await store.headPosition()();
  if (E.isLeft(head) || head.right === undefined) throw new Error('the log is empty');
  return head.right;
};

const caughtUp = async (worker: Worker, store: EventStore) => {
  const head = await headOf(store);
  for (const name of ['tickets', 'ticket_audits', 'users', 'user_merges'])
    await worker.projections.waitForPosition(name, head, 300_000)();
};

const unavailable = (e: { message: string }): AppError => ({
  kind: 'StoreUnavailable',
  message: e.message,
});

const run = async () => {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    process.stdout.write('DATABASE_URL is not set: the merge is measured on PostgreSQL only\n');
    process.stdout.write(`${JSON.stringify({ bench: 'merge', measured: false })}\n`);
    return;
  }
  const database = await freshDatabase(serverUrl, 'merge');
  const pool = new Pool({
    connectionString: database.url,
    max: 12,
    options: '-c search_path=read_models',
  });
  // the database is dropped with FORCE at the end: an idle connection may see it go first
  pool.on('error', () => undefined);
  const client = poolClient(pool);
  // hash-chained, as `helpdesk serve` and the worker open it
  const store = chainedEventStore(await openPgEventStore({ connectionString: database.url }));
  const logLines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  let worker: Worker | undefined;
  try {
    worker = await startWorker({
      store,
      client,
      logger,
      schema: 'read_models',
    });
    const desk = await openDeskOn(store, { ids: uuidGenerator });
    const counts = {
      countRequested: (accountId: Uuid, userId: Uuid) => async () =>
        E.mapLeft(unavailable)(await countTicketsRequestedBy(client, accountId, userId)()),
    };

    progress(`creating ${requested} + ${copied} tickets for each of two users`);
    const fast = await pairWithTickets(desk, 'fiona');
    const slow = await pairWithTickets(desk, 'simon');
    await caughtUp(worker, store);

    progress('merge through the process manager');
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const merged = await succeed(
      requestMerge(desk.deps, counts, desk.owner(), fast.source, fast.target),
    );
    const requestMs = ms(t0);
    const correlationId = (merged.merged.metadata as { correlation_id: string }).correlation_id;
    await untilReadModelsShow(client, fast.source, correlationId);
    const fastMs = ms(t0);
    const fastCpu = process.cpuUsage(cpu0);
    const fastCpuMs = Math.round((fastCpu.user + fastCpu.system) / 1000);
    // the process records the merge as completed once the audits have counted every change
    const pmLine = await eventually('the merge to be recorded as completed', async () =>
      logLines.find((l) => l.includes('"merge completed"')),
    );
    const pm = JSON.parse(pmLine) as { ms?: number };

    // the same rewrite without the process manager: it must not race the sequential version
    await Promise.all(worker.processes.map((p) => p.stop()));
    progress('the same merge, one command at a time');
    const t1 = process.hrtime.bigint();
    const slowMerged = await succeed(
      requestMerge(desk.deps, counts, desk.owner(), slow.source, slow.target),
    );
    await oneCommandAtATime(desk, client, {
      mergeId: slowMerged.merged.id,
      accountId: desk.opened.accountId,
      sourceId: slow.source,
      targetId: slow.target,
      correlationId: (slowMerged.merged.metadata as { correlation_id: string }).correlation_id,
      channel: 'api',
      position: slowMerged.merged.globalPosition,
    });
    await untilReadModelsShow(
      client,
      slow.source,
      (slowMerged.merged.metadata as { correlation_id: string }).correlation_id,
    );
    const slowMs = ms(t1);

    const speedup = Number((slowMs / fastMs).toFixed(1));
    const perSecond = (n: number, t: number) => Math.round((n * 1000) / t);
    process.stdout.write(
      [
        `tickets per merge              ${requested} requested (${requested / 10} archived) + ${copied} as CC`,
        `request (R3.1–R3.4, UserMerged) ${requestMs} ms`,
        `process manager, end to end     ${fastMs} ms   (${perSecond(requested + copied, fastMs)} tickets/s; the process itself ${pm.ms ?? '?'} ms; CPU of this Node process ${fastCpuMs} ms)`,
        `one command at a time           ${slowMs} ms   (${perSecond(requested + copied, slowMs)} tickets/s)`,
        `speed-up                        ${speedup}x`,
        `load average (1 min)            ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
        '',
      ].join('\n'),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'merge',
        requested_tickets: requested,
        cc_tickets: copied,
        request_ms: requestMs,
        process_manager_ms: fastMs,
        process_manager_own_ms: pm.ms ?? null,
        process_manager_node_cpu_ms: fastCpuMs,
        load_average_1m: Number(loadavg()[0]!.toFixed(2)),
        one_command_at_a_time_ms: slowMs,
        speedup,
        under_2s: fastMs < 2000,
      })}\n`,
    );
  } finally {
    await worker?.stop();
    await store.close();
    await pool.end();
    await database.drop();
  }
};

run().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
