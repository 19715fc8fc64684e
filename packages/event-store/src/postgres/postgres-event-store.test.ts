import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { Client } from 'pg';
import { anEvent, succeeds } from '../contract/fixtures';
import { readSubscription } from '../contract/subscription-reader';
import type { AppendRequest, EventStore, JsonObject, RecordedEvent } from '../port';
import { createChangeNotifier } from '../subscription';
import { loadMigrations, migrate } from './migrations';
import { EventRow, decodeRows, eventColumns } from './rows';
import { openPgEventStore } from './open-pg-event-store';
import { copiedPagesFrom } from './reads';
import { createPostgresEventStore } from './postgres-event-store';
import {
  clientVariants,
  countingAppendCalls,
  type MigratedClient,
} from './testing/clients-under-test';
import { freshSchemaName } from './testing/fresh-schema';
import { holdSharedPglite } from './testing/shared-pglite';
import { describeOnServer } from './testing/server-url';
import { dropSchema } from './testing/stores-under-test';

holdSharedPglite();

const streamsOf = () => {
  const root = `t${randomUUID().slice(0, 8)}-`;
  return (name: string | number) => `${root}${name}`;
};

describe.each(clientVariants().map((variant) => [variant.name, variant] as const))(
  'the %s event store',
  (_name, variant) => {
    let migrated: MigratedClient;
    let counted: ReturnType<typeof countingAppendCalls>;
    let store: EventStore;
    beforeEach(async () => {
      migrated = await variant.open();
      counted = countingAppendCalls(migrated.client);
      store = createPostgresEventStore({
        client: counted.client,
        schema: migrated.schema,
        changes: createChangeNotifier(),
      });
    });
    afterEach(async () => {
      await store.close();
      await migrated.dispose();
    });

    describe('group commit', () => {
      it('appends from many concurrent callers share one call', async () => {
        const stream = streamsOf();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, n) =>
            store.appendToStream(stream(n), [anEvent()], { expectedRevision: 'no_stream' })(),
          ),
        );
        expect(counted.calls()).toBe(1);
        const positions = results.map((r) => (E.isRight(r) ? r.right.position : -1n));
        expect(new Set(positions).size).toBe(50);
        expect(positions.every((p) => p > 0n)).toBe(true);
      });

      it("one caller's conflict does not fail the other callers' appends in the same call", async () => {
        const stream = streamsOf();
        await succeeds(store.appendToStream(stream('existing'), [anEvent()]));
        const callsBefore = counted.calls();
        const [conflicting, first, second] = await Promise.all([
          store.appendToStream(stream('existing'), [anEvent()], { expectedRevision: 5n })(),
          store.appendToStream(stream('new-1'), [anEvent()], { expectedRevision: 'no_stream' })(),
          store.appendToStream(stream('new-2'), [anEvent()], { expectedRevision: 'no_stream' })(),
        ]);
        expect(counted.calls() - callsBefore).toBe(1);
        expect(conflicting).toEqual(
          E.left({
            kind: 'WrongExpectedVersion',
            streamName: stream('existing'),
            expected: 5n,
            actual: 0n,
          }),
        );
        expect(E.isRight(first) && E.isRight(second)).toBe(true);
        expect(await succeeds(store.readStream(stream('existing')))).toHaveLength(1);
      });

      it('an event the database refuses fails alone; the others in its call are appended', async () => {
        const stream = streamsOf();
        // jsonb cannot hold the NUL character: the server refuses the whole statement
        const refused = anEvent('Odd', { text: 'nul \u0000 inside' });
        const [good, bad, alsoGood] = await Promise.all([
          store.appendToStream(stream('good'), [anEvent()])(),
          store.appendToStream(stream('bad'), [refused])(),
          store.appendToStream(stream('also-good'), [anEvent()])(),
        ]);
        expect(E.isRight(good) && E.isRight(alsoGood)).toBe(true);
        expect(E.isLeft(bad) && bad.left.kind).toBe('StoreUnavailable');
        expect(await succeeds(store.readStream(stream('bad')))).toEqual([]);
        expect(await succeeds(store.readStream(stream('good')))).toHaveLength(1);
      });
    });

    describe('appendMany', () => {
      it('appends 10,000 one-event streams in one statement', async () => {
        const stream = streamsOf();
        const requests: AppendRequest[] = Array.from({ length: 10_000 }, (_, n) => ({
          streamName: stream(n),
          events: [anEvent('UserImported', { n })],
          expectedRevision: 'no_stream',
        }));
        const results = await store.appendMany(requests)();
        expect(counted.calls()).toBe(1);
        expect(results.every(E.isRight)).toBe(true);
        const positions = results.map((r) => (E.isRight(r) ? r.right.position : -1n));
        expect(positions).toEqual(positions.map((_, n) => positions[0]! + BigInt(n)));
        const last = await succeeds(store.readStream(stream(9_999)));
        expect(last.map((e) => e.data)).toEqual([{ n: 9_999 }]);
      });

      it('appends to a stream named twice in order, each request checked against the one before', async () => {
        const stream = streamsOf();
        const results = await store.appendMany([
          { streamName: stream('a'), events: [anEvent('First')], expectedRevision: 'no_stream' },
          { streamName: stream('b'), events: [anEvent()], expectedRevision: 'no_stream' },
          { streamName: stream('a'), events: [anEvent('Second')], expectedRevision: 0n },
          { streamName: stream('a'), events: [anEvent('Stale')], expectedRevision: 0n },
        ])();
        expect(
          results.map((r) => (E.isRight(r) ? r.right.nextExpectedRevision : r.left.kind)),
        ).toEqual([0n, 0n, 1n, 'WrongExpectedVersion']);
        const events = await succeeds(store.readStream(stream('a')));
        expect(events.map((e) => e.type)).toEqual(['First', 'Second']);
      });

      it('a request whose data is not JSON fails alone', async () => {
        const stream = streamsOf();
        const notJson = { big: 1n } as unknown as JsonObject;
        const results = await store.appendMany([
          { streamName: stream('a'), events: [anEvent()], expectedRevision: 'any' },
          { streamName: stream('b'), events: [anEvent('Bad', notJson)], expectedRevision: 'any' },
          { streamName: stream('c'), events: [anEvent()], expectedRevision: 'any' },
        ])();
        expect(results.map((r) => (E.isRight(r) ? 'appended' : r.left.kind))).toEqual([
          'appended',
          'StoreUnavailable',
          'appended',
        ]);
        expect(counted.calls()).toBe(1);
      });
    });

    it('keeps data, metadata and the time recorded', async () => {
      const stream = streamsOf();
      const before = Date.now();
      const data: JsonObject = { nested: { list: [1, 'two', null, true], unicode: 'Ünïcödé ✓' } };
      await succeeds(
        store.appendToStream(stream('a'), [anEvent('Kept', data, { actor: { type: 'user' } })]),
      );
      const [event] = await succeeds(store.readStream(stream('a')));
      expect(event!.data).toEqual(data);
      expect(event!.metadata).toEqual({ actor: { type: 'user' } });
      expect(event!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(event!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('reads a page of 5,000 events or more as a binary COPY, the same events as selected pages', async () => {
      const stream = streamsOf();
      const events = Array.from({ length: 30 }, (_, n) =>
        anEvent('Counted', { n, text: `événement ${n} ✓` }, { actor: { id: null } }),
      );
      await succeeds(store.appendToStream(stream('a'), events.slice(0, 20)));
      await succeeds(store.appendToStream(stream('b'), events.slice(20)));
      const copied = await succeeds(store.readAll({ after: 0n, maxCount: copiedPagesFrom }));
      const whole = await succeeds(store.readAll());
      const selected: RecordedEvent[] = [];
      for (let after = 0n; ;) {
        const page = await succeeds(store.readAll({ after, maxCount: 7 }));
        if (page.length === 0) break;
        selected.push(...page);
        after = page[page.length - 1]!.globalPosition;
      }
      expect(copied.map((e) => e.id)).toEqual(events.map((e) => e.id));
      // a task run again reads again, from nothing
      const read = store.readAll({ after: 0n, maxCount: copiedPagesFrom });
      expect(await succeeds(read)).toEqual(copied);
      expect(await succeeds(read)).toEqual(copied);
      expect(copied).toEqual(selected);
      expect(whole).toEqual(selected);
      expect(counted.copies()).toBe(4);
    });

    it('hands a page over event by event (readAllEach), copied or selected, as readAll reads it', async () => {
      const stream = streamsOf();
      const events = Array.from({ length: 30 }, (_, n) => anEvent('Counted', { n }));
      await succeeds(store.appendToStream(stream('a'), events));
      const handedOver = async (options: { after: bigint; maxCount?: number }) => {
        const handed: RecordedEvent[] = [];
        const read = await succeeds(store.readAllEach!(options, (event) => handed.push(event)));
        expect(read).toBe(handed.length);
        return handed;
      };
      const copiesBefore = counted.copies();
      const copied = await handedOver({ after: 0n, maxCount: copiedPagesFrom });
      expect(counted.copies()).toBe(copiesBefore + 1);
      expect(copied).toEqual(await succeeds(store.readAll({ after: 0n })));
      const after = copied[9]!.globalPosition;
      const copiesThen = counted.copies();
      const selected = await handedOver({ after, maxCount: 7 });
      expect(counted.copies()).toBe(copiesThen);
      expect(selected).toEqual(await succeeds(store.readAll({ after, maxCount: 7 })));
      expect(await handedOver({ after: copied[29]!.globalPosition })).toEqual([]);
    });

    it('reads the time recorded to the millisecond, as Date reads it, before 1970 too', async () => {
      const moments = [
        '2026-11-21T21:40:00.123999Z',
        '2026-11-21T21:40:00Z',
        '1969-12-31T23:59:59.9995Z',
        '1903-03-02T16:05:00.5Z',
        '2300-01-01T00:00:00.001Z',
      ];
      for (const moment of moments) {
        const { rows } = await migrated.client.query(
          `SELECT ${eventColumns} FROM (VALUES (1::bigint, 's', 0::bigint, 'id', 'T', '{}'::jsonb,
             '{}'::jsonb, $1::timestamptz)) AS e(global_position, stream_name, revision, event_id,
             type, data, metadata, recorded_at)`,
          [moment],
        );
        const decoded = decodeRows(EventRow, rows);
        expect(E.isRight(decoded) && decoded.right[0]!.recordedAt).toEqual(new Date(moment));
      }
    });

    it('a closed store answers every call with StoreUnavailable', async () => {
      await store.close();
      const appended = await store.appendToStream(streamsOf()('a'), [anEvent()])();
      const many = await store.appendMany([
        { streamName: streamsOf()('b'), events: [anEvent()], expectedRevision: 'any' },
      ])();
      const read = await store.readAll()();
      expect([appended, ...many, read].map((r) => E.isLeft(r) && r.left.kind)).toEqual([
        'StoreUnavailable',
        'StoreUnavailable',
        'StoreUnavailable',
      ]);
    });

    it('migrating an up-to-date schema again changes nothing', async () => {
      expect(await migrate(migrated.client, migrated.schema)).toEqual([]);
      const { rows } = await migrated.client.query<{ version: number }>(
        `SELECT version FROM ${migrated.schema}.schema_migrations ORDER BY version`,
      );
      expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
    });
  },
);

describeOnServer('the postgres (server) event store across processes', (connectionString) => {
  const schema = freshSchemaName();
  afterAll(() => dropSchema(connectionString, schema));

  it('two processes opening one schema at once both migrate it, once', async () => {
    const stores = await Promise.all([
      openPgEventStore({ connectionString, schema }),
      openPgEventStore({ connectionString, schema }),
    ]);
    await Promise.all(stores.map((store) => store.close()));
    const client = new Client({ connectionString });
    await client.connect();
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
    );
    await client.end();
    expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
  });

  it('a subscriber wakes on another process’s append through NOTIFY, without polling', async () => {
    // no safety poll within the test's time: only a NOTIFY can wake it
    const subscriber = await openPgEventStore({
      connectionString,
      schema,
      pollIntervalMs: 600_000,
    });
    const writer = await openPgEventStore({ connectionString, schema });
    try {
      const stream = streamsOf();
      const subscription = subscriber.subscribeToAll({
        filter: { streamPrefixes: [stream('')] },
      });
      const reader = readSubscription(subscription);
      expect((await reader.take(1)).map((m) => m.kind)).toEqual(['caught_up']);
      // let the LISTEN connection settle, then append from the other store
      await new Promise((resolve) => setTimeout(resolve, 200));
      const event = anEvent('FromElsewhere');
      await succeeds(writer.appendToStream(stream('a'), [event]));
      const [message] = await reader.take(1, 2000);
      expect(message?.kind === 'event' && message.event.id).toBe(event.id);
      await subscription.close();
    } finally {
      await Promise.all([subscriber.close(), writer.close()]);
    }
  });
});

describeOnServer(
  'the postgres (server) event store of a log written as jsonb',
  (connectionString) => {
    const schema = freshSchemaName();
    afterAll(() => dropSchema(connectionString, schema));

    it('reads the same events, by select and by COPY, once 003 keeps data and metadata as json', async () => {
      const client = new Client({ connectionString });
      await client.connect();
      const data = { ticket_id: 't-1', body: 'Ça marche ? "oui"', n: 12.5, tags: ['a', 'b'] };
      const metadata = { actor: { type: 'user', id: 'u-1' }, via: null };
      try {
        // the log as the first two migrations left it: data and metadata jsonb
        await client.query('BEGIN');
        await client.query(`CREATE SCHEMA ${schema}; SET LOCAL search_path TO ${schema}`);
        for (const migration of loadMigrations().filter((m) => m.version <= 2))
          await client.query(migration.sql);
        await client.query(
          `CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now());
         INSERT INTO schema_migrations (version, name) VALUES (1, 'events'), (2, 'append-events')`,
        );
        const events = Array.from({ length: 6000 }, (_, o) => ({
          k: 0,
          o,
          i: randomUUID(),
          t: 'Happened',
          d: { ...data, n: o },
          m: metadata,
        }));
        await client.query('SELECT * FROM append_events($1, $2)', [
          JSON.stringify([{ k: 0, s: 'ticket-1', x: 'no_stream' }]),
          JSON.stringify(events),
        ]);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }

      const store = await openPgEventStore({ connectionString, schema });
      try {
        const selected = await succeeds(store.readAll({ maxCount: 10 }));
        // 6,000 events in one read: a binary COPY (`copiedPagesFrom`)
        const copied = await succeeds(store.readAll({ maxCount: 6000 }));
        expect(copied).toHaveLength(6000);
        expect(copied.slice(0, 10)).toEqual(selected);
        expect(copied.map((e) => e.data)).toEqual(
          Array.from({ length: 6000 }, (_, n) => ({ ...data, n })),
        );
        expect(copied.map((e) => e.metadata)).toEqual(Array(6000).fill(metadata));
      } finally {
        await store.close();
      }
    });
  },
);
