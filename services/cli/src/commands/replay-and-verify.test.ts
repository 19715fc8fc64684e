import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { createPglite } from '@helpdesk/event-store';
import { rebuildReadModels, ticketsProjection } from '@helpdesk/projections';
import { appendChunks, realisticLog } from '@helpdesk/projections/src/runtime/crash/realistic-log';
import { openStores } from '../runtime/stores';
import { runReplay } from './replay';
import { runVerify } from './verify';

type Command = typeof runReplay;

const run = async (command: Command, env: NodeJS.ProcessEnv, args: ReadonlyArray<string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(env, args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.map((line) => JSON.parse(line) as Record<string, any>), err }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe('issue 8: helpdesk replay ticket and helpdesk verify, on the embedded store', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const log = realisticLog(6000);
  const ticketStreams = [...new Set(log.map((e) => e.streamName))].filter((s) =>
    s.startsWith('ticket-'),
  );
  const eventsOf = (stream: string) => log.filter((e) => e.streamName === stream);
  const [ticketStream] = ticketStreams.filter((s) =>
    eventsOf(s).some((e) => e.event.type === 'RequesterChanged'),
  ) as [string];
  const ticketId = ticketStream.slice('ticket-'.length);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'helpdesk-replay-'));
    env = { HELPDESK_DATA_DIR: dataDir };
    // what `helpdesk serve` would have left: the log, and the tickets read model built from it
    const stores = await openStores(env, { readModelSchema: 'read_models' });
    try {
      for (const chunk of appendChunks(log)) {
        const failed = (await stores.store.appendMany(chunk)()).find(E.isLeft);
        if (failed !== undefined) throw new Error(JSON.stringify(failed.left));
      }
      const rebuilt = await rebuildReadModels({
        store: stores.store,
        client: stores.client,
        schema: 'read_models',
        projections: [ticketsProjection],
      });
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.kind);
    } finally {
      await stores.close();
    }
  }, 120_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('R1.3 replay ticket prints the ticket folded from its events, at the head or as of a revision or a time', async () => {
    const events = eventsOf(ticketStream);
    const head = await run(runReplay, env, ['ticket', ticketId]);
    expect([head.code, head.out.length]).toEqual([0, 1]);
    const replay = head.out[0]!;
    expect(replay.ticket.version).toBe(events.length - 1);
    expect(replay.events.map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.eventId));
    const change = replay.events.find((e: { type: string }) => e.type === 'RequesterChanged');
    expect(replay.ticket.original_requester_id).toBe(change.data.previous_requester_id);
    expect(change).toMatchObject({ actor: { type: 'user' }, correlation_id: expect.any(String) });

    const first = await run(runReplay, env, ['ticket', ticketId, '--as-of', '0']);
    expect(first.out[0]!.ticket.requester_id).toBe(replay.ticket.original_requester_id);
    expect(first.out[0]!.events).toHaveLength(1);
    const time = events[0]!.metadata.occurred_at;
    const atTime = await run(runReplay, env, ['ticket', ticketId, '--as-of', time]);
    expect(atTime.out[0]!.as_of.time).toBe(time);
  }, 60_000);

  it.each([
    [['ticket'], 'usage'],
    [['user', '00000000-0000-4000-8000-000000000001'], 'usage'],
    [['ticket', 'nope'], 'UUID'],
    [['ticket', 'TICKET', '--as-of'], 'usage'],
    [['ticket', 'TICKET', '--as-of', 'yesterday'], '--as-of'],
    [['ticket', 'TICKET', '--as-of', '100000'], 'past the ticket'],
  ])(
    'replay %j is refused (exit 2), saying why',
    async (args, why) => {
      const refused = await run(
        runReplay,
        env,
        args.map((a) => (a === 'TICKET' ? ticketId : a)),
      );
      expect([refused.code, refused.out, refused.err.join('\n')]).toEqual([
        2,
        [],
        expect.stringContaining(why),
      ]);
    },
    60_000,
  );

  it('replay of a ticket the log does not hold exits 1', async () => {
    const missing = await run(runReplay, env, ['ticket', '00000000-0000-4000-8000-00000000dead']);
    expect([missing.code, missing.out, missing.err.join('')]).toEqual([
      1,
      [],
      expect.stringContaining('no ticket'),
    ]);
  }, 60_000);

  it('verify finds no difference (exit 0), then exactly the row corrupted by an UPDATE (exit 1)', async () => {
    const clean = await run(runVerify, env, []);
    expect(clean.out).toEqual([
      {
        verified: 'tickets',
        position: log.length,
        events: log.length,
        tickets: ticketStreams.length,
        rows: ticketStreams.length,
        differences: 0,
      },
    ]);
    expect(clean.code).toBe(0);

    const db = await createPglite(join(dataDir, 'events'));
    try {
      await db.query(`UPDATE read_models.tickets SET status = 'hold' WHERE id = $1`, [ticketId]);
    } finally {
      await db.close();
    }
    const replayed = (await run(runReplay, env, ['ticket', ticketId])).out[0]!.ticket.status;
    const found = await run(runVerify, env, []);
    expect(found.out).toEqual([
      { ticket_id: ticketId, column: 'status', read_model: 'hold', replayed },
      expect.objectContaining({ verified: 'tickets', differences: 1 }),
    ]);
    expect(found.code).toBe(1);
  }, 60_000);

  it('verify --chain checks the hash chain instead; an unknown flag is refused', async () => {
    const chain = await run(runVerify, env, ['--chain']);
    expect(chain.out.at(-1)).toMatchObject({ verified: 'chain', events: log.length });
    const refused = await run(runVerify, env, ['--everything']);
    expect([refused.code, refused.err.join('')]).toEqual([2, expect.stringContaining('usage')]);
  }, 60_000);
});
