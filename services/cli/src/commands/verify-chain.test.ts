import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { createPglite, type EventToAppend } from '@helpdesk/event-store';
import { openStores } from '../runtime/stores';
import { verifyChainCommand } from './verify-chain';

const ticketEvent = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'CommentAdded',
  data: { n, body: `comment ${n}` },
  metadata: {
    account_id: randomUUID(),
    actor: { type: 'system', id: null },
    correlation_id: `cli-${n}`,
    causation_id: null,
    occurred_at: new Date().toISOString(),
    via: { channel: 'api', rel: null },
    schema_version: 1,
  },
});

const run = async (env: NodeJS.ProcessEnv, args: ReadonlyArray<string> = ['--chain']) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyChainCommand(env, args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.map((line) => JSON.parse(line) as Record<string, unknown>), err };
};

describe('issue 8: helpdesk verify --chain, on the embedded store', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const tickets = [`ticket-${randomUUID()}`, `ticket-${randomUUID()}`];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'helpdesk-verify-chain-'));
    env = { HELPDESK_DATA_DIR: dataDir };
    // what `helpdesk serve` would have written: through the stores it opens, hence chained
    const stores = await openStores(env, { readModelSchema: 'read_models' });
    try {
      for (const [i, ticket] of tickets.entries())
        for (let n = 0; n < 3; n += 1) {
          const appended = await stores.store.appendToStream(ticket, [ticketEvent(10 * i + n)])();
          expect(E.isRight(appended)).toBe(true);
        }
    } finally {
      await stores.close();
    }
  }, 60_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('finds nothing in an untouched log: exit 0, a summary line, progress on stderr', async () => {
    const { code, out, err } = await run(env);
    expect(out).toEqual([{ verified: 'chain', events: 6, streams: 2, findings: 0 }]);
    expect(code).toBe(0);
    expect(err[0]).toContain('verifying the hash chain');
  }, 60_000);

  it('reports exactly the event edited in PostgreSQL, and exits 1', async () => {
    const db = await createPglite(join(dataDir, 'events'));
    let edited: { global_position: string; event_id: string };
    try {
      const result = await db.query<{ global_position: string; event_id: string }>(
        `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{body}', '"rewritten"')
         WHERE stream_name = $1 AND revision = 1
         RETURNING global_position::text AS global_position, event_id`,
        [tickets[1]],
      );
      edited = result.rows[0]!;
    } finally {
      await db.close();
    }
    const { code, out } = await run(env, []);
    expect(out).toEqual([
      {
        finding: 'altered',
        stream: tickets[1],
        revision: 1,
        position: Number(edited.global_position),
        event_id: edited.event_id,
        message: expect.stringContaining('its content does not hash to its recorded hash'),
      },
      { verified: 'chain', events: 6, streams: 2, findings: 1 },
    ]);
    expect(code).toBe(1);
  }, 60_000);

  it('refuses an unknown argument with exit 2 and reads nothing', async () => {
    const { code, out, err } = await run(env, ['--chian']);
    expect([code, out]).toEqual([2, []]);
    expect(err.join('\n')).toContain('unknown argument "--chian"');
  });
});
