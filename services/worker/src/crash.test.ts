import * as E from 'fp-ts/Either';
import pino from 'pino';
import {
  eventually,
  openDeskOn,
  requestMerge,
  succeed,
  uuidGenerator,
  type AppError,
} from '@helpdesk/application';
import type { TicketStatus } from '@helpdesk/events';
import { openPgEventStore, type EventStore } from '@helpdesk/event-store';
import { allProjections, countTicketsRequestedBy, startProjections } from '@helpdesk/projections';
import { openTestDatabase } from '@helpdesk/projections/src/testing/test-database';
import { startWorker, type Worker } from './start-worker';
import { openStoreBeside } from './testing/harness';
import { startWorkerProcess, type Running } from './testing/worker-process';

/**
 * R3.9 across crashes. In one process (PGlite or PostgreSQL): the store stops answering the
 * worker after a few appends, the last one recorded but reported failed, and a new worker takes
 * over. Across processes (PostgreSQL only: processes cannot share an in-memory PGlite): a worker
 * process, run from the sources with tsx, is killed with SIGKILL at random moments while it
 * carries out a 10,000-ticket merge, and started again.
 */

const url = process.env['DATABASE_URL'];
const engine = url ? 'PostgreSQL' : 'PGlite';
const tickets = 10_000;
const kills = 10;
const statuses: ReadonlyArray<TicketStatus> = [
  'new',
  'open',
  'pending',
  'hold',
  'solved',
  'closed',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The store as a dying process sees it: after `calls` batch appends it stops answering. The last
 * call it makes is recorded by the store but reported as failed, the worst moment for a crash:
 * the process cannot know whether its tickets were rewritten.
 */
const dyingAfter = (inner: EventStore, calls: number): EventStore => {
  let made = 0;
  const dead = { kind: 'StoreUnavailable' as const, message: 'the process died' };
  return {
    ...inner,
    appendToStream: (name, events, options) => async () =>
      made >= calls ? E.left(dead) : inner.appendToStream(name, events, options)(),
    appendMany: (requests) => async () => {
      made += 1;
      if (made > calls) return requests.map(() => E.left(dead));
      const results = await inner.appendMany(requests)();
      return made === calls ? results.map(() => E.left(dead)) : results;
    },
    close: async () => undefined,
  };
};

describe(`R3.9 a merge interrupted at random appends, in one process on ${engine}`, () => {
  it('rewrites each ticket exactly once and completes with the right total', async () => {
    const db = await openTestDatabase();
    const store = await openStoreBeside(db);
    const logger = pino({ level: 'silent' });
    const start = (over: EventStore) =>
      startWorker({
        store: over,
        client: db.client,
        schema: db.schema,
        processSchema: `${db.schema}_pm`,
        logger,
        pageSize: 7,
        retryDelayMs: 5,
      });
    let worker: Worker | undefined;
    try {
      const desk = await openDeskOn(store, { ids: uuidGenerator });
      const source = await desk.endUser('Bob (duplicate)', { emails: ['bob@old.example'] });
      const target = await desk.endUser('Bob', { emails: ['bob@new.example'] });
      const count = 200;
      await desk.manyTickets(count, (i) => ({
        requesterId: source,
        status: i % 3 === 0 ? 'closed' : 'open',
        archived: i % 9 === 0,
        ccs: i % 4 === 0 ? [source] : [],
      }));
      worker = await start(dyingAfter(store, 0));
      const head = await store.headPosition()();
      if (E.isLeft(head) || head.right === undefined) throw new Error('empty log');
      await worker.projections.waitForPosition('tickets', head.right, 30_000)();
      const requested = await succeed(
        requestMerge(
          desk.deps,
          {
            countRequested: (accountId, userId) => async () =>
              E.mapLeft((e: { message: string }) => ({
                kind: 'StoreUnavailable' as const,
                message: e.message,
              }))(await countTicketsRequestedBy(db.client, accountId, userId)()),
          },
          desk.owner(),
          source,
          target,
        ),
      );
      // each run dies after a few batch appends; the next one starts from the checkpoints
      for (const calls of [1, 3, 2, 5, 4]) {
        await worker.stop();
        worker = await start(dyingAfter(store, calls));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      await worker.stop();
      worker = await start(store);
      const job = await eventually(
        'the merge to complete',
        async () => {
          const { rows } = await db.client.query<{ status: string; total: number | null }>(
            'SELECT status, total FROM user_merges WHERE id = $1',
            [requested.merged.id],
          );
          return rows[0]?.status === 'completed' ? rows[0] : undefined;
        },
        30_000,
      );
      expect(job).toEqual({ status: 'completed', total: count });
      const { rows } = await db.client.query<{ tickets: number; once: number }>(
        `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE n = 1)::int AS once
         FROM (SELECT stream_name, count(*) AS n FROM ${db.schema}_es.events
               WHERE type = 'RequesterChanged' GROUP BY stream_name) per_ticket`,
      );
      expect(rows[0]).toEqual({ tickets: count, once: count });
    } finally {
      await worker?.stop();
      await store.close();
      await db.dispose();
    }
  });
});

if (url !== undefined && url !== '')
  describe('R3.9 a merge survives its worker being killed (PostgreSQL)', () => {
    it(`rewrites each of ${tickets} tickets exactly once through ${kills} SIGKILLs, and completes`, async () => {
      const db = await openTestDatabase();
      const esSchema = `${db.schema}_es`;
      const store = await openPgEventStore({ connectionString: url, schema: esSchema });
      let running: Running | undefined;
      try {
        const desk = await openDeskOn(store, { ids: uuidGenerator });
        const source = await desk.endUser('Bob (duplicate)', { emails: ['bob@old.example'] });
        const target = await desk.endUser('Bob', { emails: ['bob@new.example'] });
        await desk.manyTickets(tickets, (i) => ({
          requesterId: source,
          status: statuses[i % statuses.length]!,
          archived: i % 10 === 9,
          ccs: i % 7 === 0 ? [source] : [],
        }));

        // the request reads the ticket counts from the read model (R3.3), as the API would
        const projections = await startProjections({
          store,
          client: db.client,
          schema: db.schema,
          projections: allProjections,
        });
        const head = await store.headPosition()();
        if (E.isLeft(head) || head.right === undefined) throw new Error('empty log');
        await projections.waitForPosition('tickets', head.right, 60_000)();
        const requested = await succeed(
          requestMerge(
            desk.deps,
            {
              countRequested: (accountId, userId) => async () =>
                E.mapLeft((e: { message: string }): AppError => ({
                  kind: 'StoreUnavailable',
                  message: e.message,
                }))(await countTicketsRequestedBy(db.client, accountId, userId)()),
            },
            desk.owner(),
            source,
            target,
          ),
        );
        await projections.stop();

        const env = {
          EVENT_STORE_URL: url,
          DATABASE_URL: url,
          HELPDESK_EVENT_STORE_SCHEMA: esSchema,
          HELPDESK_READ_MODEL_SCHEMA: db.schema,
          HELPDESK_PROCESS_SCHEMA: `${db.schema}_pm`,
        };
        const moved = async () =>
          (
            await db.client.query<{ n: number }>(
              `SELECT count(DISTINCT stream_name)::int AS n FROM ${esSchema}.events
               WHERE type = 'RequesterChanged'`,
            )
          ).rows[0]!.n;

        const progress: number[] = [];
        for (let k = 0; k < kills; k++) {
          // small pages, so that a run holds many moments to die at
          running = startWorkerProcess({ ...env, HELPDESK_MERGE_PAGE_SIZE: '5' });
          await running.ready;
          // a random moment once this run is rewriting tickets: how long a process takes to start
          // (compiling, catching up) depends on the machine, and a kill before then tests nothing
          const before = progress[progress.length - 1] ?? 0;
          const started = Date.now();
          while ((await moved()) <= before && Date.now() - started < 30_000) await sleep(25);
          await sleep(Math.floor(Math.random() * 400));
          running.child.kill('SIGKILL');
          await running.exited;
          progress.push(await moved());
          running = undefined;
        }
        // killed during the merge, every time: it was never done, and it went on between kills
        expect(progress[progress.length - 1]).toBeLessThan(tickets);
        expect(new Set(progress).size).toBeGreaterThan(kills / 2);

        running = startWorkerProcess(env);
        await running.ready;
        const job = await eventually(
          'the merge to complete',
          async () => {
            const rows = (
              await db.client.query<{ status: string; total: number | null }>(
                'SELECT status, total FROM user_merges WHERE id = $1',
                [requested.merged.id],
              )
            ).rows;
            return rows[0]?.status === 'completed' ? rows[0] : undefined;
          },
          120_000,
          100,
        );
        expect(job).toEqual({ status: 'completed', total: tickets });
        await eventually(
          'the tickets read model to show the target everywhere',
          async () => {
            const { rows } = await db.client.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1',
              [target],
            );
            return rows[0]!.n === tickets ? true : undefined;
          },
          60_000,
          100,
        );
        running.child.kill('SIGTERM');
        expect(await running.exited).toBe(0);
        running = undefined;

        const perTicket = (
          await db.client.query<{ tickets: number; once: number; to_target: number }>(
            `SELECT count(*)::int AS tickets,
               count(*) FILTER (WHERE n = 1)::int AS once,
               count(*) FILTER (WHERE last_to = $1)::int AS to_target
             FROM (SELECT stream_name, count(*) AS n,
                     (array_agg(data->>'requester_id' ORDER BY revision DESC))[1] AS last_to
                   FROM ${esSchema}.events
                   WHERE type = 'RequesterChanged' AND data->>'reason' = 'merge'
                   GROUP BY stream_name) per_ticket`,
            [target],
          )
        ).rows[0];
        expect(perTicket).toEqual({ tickets, once: tickets, to_target: tickets });
        const left = await db.client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1 OR (collaborator_ids @> ARRAY[$1::uuid] AND NOT archived)',
          [source],
        );
        expect(left.rows[0]!.n).toBe(0);
      } finally {
        if (running !== undefined) {
          running.child.kill('SIGKILL');
          await running.exited;
        }
        await store.close();
        await db.dispose();
      }
    }, 300_000);
  });
