import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { chainOf, sealOf } from './chain';
import { anEvent, succeeds } from './contract/fixtures';
import { chooseEventStore, openEventStore } from './open-event-store';

describe('choosing the event store from EVENT_STORE_URL', () => {
  it('a postgres:// or postgresql:// address is the PostgreSQL server', () => {
    expect(chooseEventStore({ EVENT_STORE_URL: 'postgres://app@db:5432/helpdesk' })).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://app@db:5432/helpdesk',
    });
    expect(chooseEventStore({ EVENT_STORE_URL: 'postgresql://db/helpdesk' }).kind).toBe('postgres');
  });

  it('an esdb:// address is EventStoreDB', () => {
    expect(chooseEventStore({ EVENT_STORE_URL: 'esdb://localhost:2113?tls=false' })).toEqual({
      kind: 'esdb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
    expect(chooseEventStore({ EVENT_STORE_URL: 'esdb+discover://cluster:2113' }).kind).toBe('esdb');
  });

  it('memory: is the in-memory store', async () => {
    const store = await openEventStore({ EVENT_STORE_URL: 'memory:' });
    const appended = await store.appendToStream('ticket-1', [anEvent()])();
    expect(E.isRight(appended)).toBe(true);
    await store.close();
  });

  it('the opened store hash-chains what it appends (issue 8, tamper evidence)', async () => {
    const store = await openEventStore({ EVENT_STORE_URL: 'memory:' });
    await succeeds(store.appendToStream('ticket-1', [anEvent(), anEvent()]));
    const [first, second] = await succeeds(store.readStream('ticket-1'));
    expect(chainOf(first!.metadata)).toEqual({
      kind: 'chained',
      chain: { previous: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(chainOf(second!.metadata)).toMatchObject({ chain: { previous: sealOf(first!) } });
    await store.close();
  });

  it('an address of another kind is refused without repeating it (it may hold a password)', () => {
    expect(() => chooseEventStore({ EVENT_STORE_URL: 'mysql://root:secret@db/x' })).toThrow(
      /must start with postgres:\/\//,
    );
    expect(() => chooseEventStore({ EVENT_STORE_URL: 'mysql://root:secret@db/x' })).not.toThrow(
      /secret/,
    );
  });

  it('unset means the embedded store under HELPDESK_DATA_DIR/events, or ./.helpdesk/events', () => {
    expect(chooseEventStore({ HELPDESK_DATA_DIR: '/var/lib/helpdesk' })).toEqual({
      kind: 'embedded',
      dataDir: join('/var/lib/helpdesk', 'events'),
    });
    expect(chooseEventStore({ EVENT_STORE_URL: '' })).toEqual({
      kind: 'embedded',
      dataDir: join('.helpdesk', 'events'),
    });
  });
});

describe('the embedded store', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'helpdesk-events-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its events in the folder across a close and a reopen', async () => {
    const env = { HELPDESK_DATA_DIR: dataDir };
    const first = await openEventStore(env);
    const written = await succeeds(first.appendToStream('ticket-1', [anEvent('TicketCreated')]));
    await first.close();
    expect(await readdir(join(dataDir, 'events'))).toContain('PG_VERSION');

    const reopened = await openEventStore(env);
    try {
      const events = await succeeds(reopened.readStream('ticket-1'));
      expect(events.map((e) => [e.type, e.globalPosition])).toEqual([
        ['TicketCreated', written.position],
      ]);
      const next = await succeeds(
        reopened.appendToStream('ticket-1', [anEvent('TicketClosed')], { expectedRevision: 0n }),
      );
      expect(next.position).toBe(written.position + 1n);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
