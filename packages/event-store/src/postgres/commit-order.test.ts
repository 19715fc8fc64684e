import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { Client } from 'pg';
import { anEvent, succeeds } from '../contract/fixtures';
import { readSubscription } from '../contract/subscription-reader';
import type { EventStore, RecordedEvent } from '../port';
import { openPgliteEventStore } from './open-pglite-event-store';
import { openPgEventStore } from './open-pg-event-store';
import { freshSchemaName } from './testing/fresh-schema';
import { holdOnPglite, holdOnServer, type HeldAppend } from './testing/held-append';
import { holdSharedPglite, sharedPglite } from './testing/shared-pglite';
import { describeOnServer, serverUrl } from './testing/server-url';
import { dropSchema } from './testing/stores-under-test';

/**
 * The trap: positions are fixed before commit, so a transaction holding a lower position can
 * commit after one holding a higher position, and a reader that has already passed the higher one
 * never goes back. These tests hold an append's transaction open at a lower position while a later
 * append is made, and check what a subscriber receives.
 */

interface Setup {
  readonly store: EventStore;
  readonly schema: string;
  readonly hold: (
    schema: string,
    streamName: string,
    event: ReturnType<typeof anEvent>,
  ) => Promise<HeldAppend>;
  readonly dispose: () => Promise<void>;
}

const databaseUrl = serverUrl();

const setups: ReadonlyArray<readonly [string, () => Promise<Setup>]> = [
  [
    'postgres (PGlite)',
    async () => {
      const { db, release } = await sharedPglite();
      const schema = freshSchemaName();
      const store = await openPgliteEventStore({ db, schema });
      return {
        store,
        schema,
        hold: holdOnPglite(db),
        dispose: async () => {
          await store.close();
          await db.exec(`DROP SCHEMA ${schema} CASCADE`);
          await release();
        },
      };
    },
  ],
  ...(databaseUrl === undefined
    ? []
    : ([
        [
          'postgres (server)',
          async () => {
            const schema = freshSchemaName();
            const store = await openPgEventStore({ connectionString: databaseUrl, schema });
            return {
              store,
              schema,
              hold: holdOnServer(databaseUrl),
              dispose: async () => {
                await store.close();
                await dropSchema(databaseUrl, schema);
              },
            };
          },
        ],
      ] as const)),
];

const settledWithin = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
};

holdSharedPglite();

describe.each(setups)('%s: a late commit at a lower position', (_name, open) => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await open();
  });
  afterEach(async () => {
    await setup.dispose();
  });

  it('is delivered before the later append, with no gap and no duplicate', async () => {
    const { store, schema, hold } = setup;
    const root = `held${randomUUID().slice(0, 8)}-`;
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [root] } });
    const reader = readSubscription(subscription);
    expect((await reader.take(1)).map((m) => m.kind)).toEqual(['caught_up']);

    const early = anEvent('EarlyButSlow');
    const late = anEvent('LateButQuick');
    const held = await hold(schema, `${root}early`, early);
    const lateAppend = store.appendToStream(`${root}late`, [late])();

    // the later append cannot take a position, let alone commit, while the earlier one is open
    expect(await settledWithin(lateAppend, 300)).toBe(false);
    await reader.expectNothingFor(200);

    await held.commit();
    const lateResult = await lateAppend;
    expect(E.isRight(lateResult) && lateResult.right.position).toBe(held.position + 1n);

    const delivered = (await reader.take(2)).map((m) => (m.kind === 'event' ? m.event : m.kind));
    expect(delivered.map((e) => (typeof e === 'string' ? e : e.id))).toEqual([early.id, late.id]);
    expect((delivered as RecordedEvent[]).map((e) => e.globalPosition)).toEqual([
      held.position,
      held.position + 1n,
    ]);
    await reader.expectNothingFor(150);
    await subscription.close();
  });

  it('leaves no gap and no duplicate under concurrent appends, in the order positions were given', async () => {
    const { store, schema, hold } = setup;
    const root = `busy${randomUUID().slice(0, 8)}-`;
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [root] } });
    const reader = readSubscription(subscription);
    await reader.take(1);

    const quick = Array.from({ length: 60 }, (_, n) =>
      store.appendToStream(`${root}quick-${n % 7}`, [anEvent('Quick')])(),
    );
    const held = await hold(schema, `${root}slow`, anEvent('Slow'));
    const after = Array.from({ length: 60 }, (_, n) =>
      store.appendToStream(`${root}after-${n % 5}`, [anEvent('After')])(),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await held.commit();
    const results = await Promise.all([...quick, ...after]);
    expect(results.every(E.isRight)).toBe(true);

    const messages = await reader.take(121, 10_000);
    const delivered = messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
    const logged = await succeeds(store.readAll({ filter: { streamPrefixes: [root] } }));
    expect(delivered.map((e) => e.id)).toEqual(logged.map((e) => e.id));
    expect(new Set(delivered.map((e) => e.id)).size).toBe(121);
    // positions are handed out under the append lock, so they leave no hole at all
    const first = delivered[0]!.globalPosition;
    expect(delivered.map((e) => e.globalPosition)).toEqual(
      delivered.map((_, n) => first + BigInt(n)),
    );
    await reader.expectNothingFor(150);
    await subscription.close();
  });
});

describeOnServer('the trap itself, on the server', (connectionString) => {
  it('with positions from a plain sequence, a reader skips the transaction that commits late', async () => {
    const schema = freshSchemaName('trap');
    const connect = async () => {
      const client = new Client({ connectionString });
      await client.connect();
      return client;
    };
    const [slow, quick, reader] = await Promise.all([connect(), connect(), connect()]);
    try {
      await reader.query(
        `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.naive (position bigserial PRIMARY KEY, name text)`,
      );
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO ${schema}.naive (name) VALUES ('slow')`);
      await quick.query(`INSERT INTO ${schema}.naive (name) VALUES ('quick')`);
      const read = async (after: number) =>
        (
          await reader.query<{ position: string; name: string }>(
            `SELECT position::text, name FROM ${schema}.naive WHERE position > $1 ORDER BY position`,
            [after],
          )
        ).rows;
      const firstPage = await read(0);
      expect(firstPage).toEqual([{ position: '2', name: 'quick' }]);
      await slow.query('COMMIT');
      // the checkpoint is 2: "slow", at position 1, is never read
      expect(await read(2)).toEqual([]);
      expect((await read(0)).map((row) => row.name)).toEqual(['slow', 'quick']);
    } finally {
      await Promise.all([slow.end(), quick.end(), reader.end()]);
      await dropSchema(connectionString, schema);
    }
  });
});
