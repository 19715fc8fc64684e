import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

interface FeedEvent {
  readonly id: string;
  readonly type: string;
  readonly global_position: number;
  readonly metadata: { readonly account_id: string };
}

/** The whole log, straight from the store. */
const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.globalPosition, maxCount: 1000 })();
    if (E.isLeft(page)) throw new Error(page.left.kind);
    events.push(...page.right);
    if (page.right.length < 1000) return events;
  }
};

const positionsOf = (account: OpenedAccount, log: ReadonlyArray<RecordedEvent>) =>
  log
    .filter((e) => (e.metadata as { account_id?: string }).account_id === account.accountId)
    .map((e) => Number(e.globalPosition));

describe('GET /api/v2/events, the account’s event log a page at a time', () => {
  let api: ApiHarness;
  let acme: OpenedAccount;
  let globex: OpenedAccount;
  let unique = 0;
  const someone = () => ({ name: `Someone ${++unique}` });

  /** Every page from `path` on, following `links.next`. */
  const allPages = async (path: string, token: string) => {
    const pages: Array<{ events: FeedEvent[]; meta: { has_more: boolean; after_cursor: string } }> =
      [];
    let next: string | null = path;
    while (next !== null) {
      const answer = await api.request('GET', next, { token });
      expect([next, answer.status]).toEqual([next, 200]);
      pages.push(answer.body);
      const link: string | null = answer.body.links.next;
      next = link === null ? null : `${new URL(link).pathname}${new URL(link).search}`;
    }
    return pages;
  };

  beforeAll(async () => {
    api = await startApi();
    acme = await api.openAccount('team', 'Acme');
    globex = await api.openAccount('team', 'Globex');
    for (let i = 0; i < 4; i++) {
      await api.addUser(acme, someone());
      await api.addUser(globex, someone());
    }
  });
  afterAll(() => api.close());

  it('pages through every event of the account in global order, and none of another account', async () => {
    const expected = positionsOf(acme, await wholeLog(api.store));
    const pages = await allPages('/api/v2/events?limit=3', acme.ownerToken);
    const events = pages.flatMap((page) => page.events);
    expect(events.map((e) => e.global_position)).toEqual(expected);
    expect(events.filter((e) => e.metadata.account_id !== acme.accountId)).toEqual([]);
    expect(pages.slice(0, -1).every((page) => page.events.length === 3)).toBe(true);
    expect(pages.at(-1)!.meta.has_more).toBe(false);
  });

  it('shows each event as stored: id, type, stream, revision, global position, data, metadata', async () => {
    const answer = await api.request('GET', '/api/v2/events?limit=1', { token: acme.ownerToken });
    const [shown] = answer.body.events;
    const stored = (await wholeLog(api.store)).find((e) => e.id === shown.id)!;
    expect(shown).toEqual({
      id: stored.id,
      type: stored.type,
      stream: stored.streamName,
      revision: Number(stored.revision),
      global_position: Number(stored.globalPosition),
      data: stored.data,
      metadata: stored.metadata,
    });
    expect(stored.type).toBe('AccountCreated');
  });

  it('polls with meta.after_cursor once it has read everything: later events come, earlier ones do not', async () => {
    const pages = await allPages('/api/v2/events?limit=100', acme.ownerToken);
    const cursor = pages.at(-1)!.meta.after_cursor;
    const empty = await api.request('GET', `/api/v2/events?after=${cursor}`, {
      token: acme.ownerToken,
    });
    expect(empty.body).toEqual({
      events: [],
      meta: { has_more: false, after_cursor: cursor },
      links: { next: null },
    });
    await api.addUser(globex, someone());
    const added = await api.addUser(acme, someone());
    const later = await api.request('GET', `/api/v2/events?after=${cursor}`, {
      token: acme.ownerToken,
    });
    expect(later.body.events.length).toBeGreaterThan(0);
    expect(later.body.events.every((e: FeedEvent) => e.global_position > Number(cursor))).toBe(
      true,
    );
    expect(later.body.events[0].type).toBe('UserCreated');
    expect(later.body.events[0].data.user_id).toBe(added.id);
  });

  it('moves its cursor past other accounts’ events: a page may hold fewer than the limit, with more to come', async () => {
    const before = (await wholeLog(api.store)).at(-1)!.globalPosition;
    // 6,000 events of another account, more than one request looks at, in a stream no read model
    // follows (so that the projections running beside the API have nothing to do with them)
    const metadata = {
      account_id: globex.accountId,
      actor: { type: 'system', id: null },
      correlation_id: 'bulk',
      causation_id: null,
      occurred_at: new Date().toISOString(),
      via: { channel: 'system', rel: null },
      schema_version: 1,
    };
    const bulk = Array.from({ length: 6000 }, (_, i) => ({
      id: randomUUID(),
      type: 'TicketTagAdded',
      data: { ticket_id: randomUUID(), tag: `t${i}` },
      metadata,
    }));
    const appended = await api.store.appendToStream(`noise-${randomUUID()}`, bulk)();
    expect(E.isRight(appended)).toBe(true);
    const ours = await api.addUser(acme, someone());

    const first = await api.request('GET', `/api/v2/events?after=${before}&limit=10`, {
      token: acme.ownerToken,
    });
    expect(first.body.events).toEqual([]);
    expect(first.body.meta.has_more).toBe(true);
    expect(BigInt(first.body.meta.after_cursor)).toBeGreaterThan(before);
    const rest = await allPages(
      `/api/v2/events?after=${first.body.meta.after_cursor}&limit=10`,
      acme.ownerToken,
    );
    const events = rest.flatMap((page) => page.events);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.metadata.account_id === acme.accountId)).toBe(true);
    expect(events[0]!.type).toBe('UserCreated');
    expect((events[0] as unknown as { data: { user_id: string } }).data.user_id).toBe(ours.id);
  });

  it('never shows a secret: no API token appears anywhere in the feed', async () => {
    const agent = await api.addUser(acme, { name: 'Agent', role: 'agent' });
    const text = (await allPages('/api/v2/events?limit=1000', acme.ownerToken))
      .map((page) => JSON.stringify(page))
      .join('\n');
    for (const token of [acme.ownerToken, agent.token]) expect(text).not.toContain(token);
  });

  it('refuses a bad after or limit with 400 naming it, and appends nothing', async () => {
    const before = await api.eventCount();
    const cases: Array<[string, string]> = [
      ['after=abc', 'after'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      ['after=9223372036854775808', 'after'],
      ['after=', 'after'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=2&limit=3', 'limit'],
    ];
    for (const [query, field] of cases) {
      const answer = await api.request('GET', `/api/v2/events?${query}`, {
        token: acme.ownerToken,
      });
      expect([query, answer.status, answer.body.error, Object.keys(answer.body.details)]).toEqual([
        query,
        400,
        'InvalidInput',
        [field],
      ]);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('is for admins only: 401 without a valid token, 403 for agents and end users', async () => {
    const agent = await api.addUser(acme, { name: 'Agent', role: 'agent' });
    const endUser = await api.addUser(acme, { name: 'Ann', email: 'ann@acme.example' });
    const admin = await api.addUser(acme, { name: 'Ada', role: 'admin' });
    const statusFor = async (token?: string) =>
      (await api.request('GET', '/api/v2/events', token === undefined ? {} : { token })).status;
    expect(await statusFor()).toBe(401);
    expect(await statusFor('not-a-token')).toBe(401);
    expect(await statusFor(agent.token)).toBe(403);
    expect(await statusFor(endUser.token)).toBe(403);
    expect(await statusFor(admin.token)).toBe(200);
  });
});
