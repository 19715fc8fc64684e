import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

/** One event as an EventSource would dispatch it. */
interface Dispatched {
  readonly id: string;
  readonly event: {
    readonly id: string;
    readonly global_position: number;
    readonly metadata: unknown;
    readonly [field: string]: unknown;
  };
}

/**
 * A server-sent-events client as the WHATWG spec describes EventSource's parsing: fields build a
 * block, a blank line dispatches it, and the block's id becomes the last event id even when it has
 * no data. The harness only reads whole responses, and this one never ends on its own.
 */
const follow = (
  api: ApiHarness,
  token: string | undefined,
  options: { readonly path?: string; readonly headers?: Record<string, string> } = {},
) => {
  const controller = new AbortController();
  const dispatched: Dispatched[] = [];
  const comments: string[] = [];
  let lastEventId = '';
  let status: number | undefined;
  let ended = false;
  let failure: unknown;
  let body = '';

  const done = (async () => {
    const response = await fetch(`${api.base}${options.path ?? '/api/v2/events/stream'}`, {
      headers: {
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      signal: controller.signal,
    });
    status = response.status;
    if (status !== 200) {
      body = await response.text();
      ended = true;
      return;
    }
    const decoder = new TextDecoder();
    let pending = '';
    let data: string[] = [];
    let idBuffer = '';
    for await (const chunk of response.body!) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      const lines = pending.split(/\r\n|\r|\n/);
      pending = lines.pop()!;
      for (const line of lines) {
        if (line === '') {
          lastEventId = idBuffer;
          if (data.length > 0)
            dispatched.push({ id: idBuffer, event: JSON.parse(data.join('\n')) });
          data = [];
        } else if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') idBuffer = value;
          if (field === 'data') data.push(value);
        }
      }
    }
    ended = true;
  })().catch((error: unknown) => {
    // aborted by the test, or cut by the server
    ended = true;
    failure = error;
  });

  const until = async (what: string, holds: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!holds()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    dispatched,
    comments,
    lastEventId: () => lastEventId,
    status: () => status,
    body: () => body,
    ended: () => ended,
    failure: () => failure,
    until,
    caughtUp: () => until('caught up', () => comments.includes('caught up')),
    close: async () => {
      controller.abort();
      await done;
    },
    done,
  };
};

/** The whole log, straight from the store. */
const wholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({
      after: events.at(-1)?.globalPosition,
      maxCount: 1000,
    })();
    if (E.isLeft(page)) throw new Error(page.left.kind);
    events.push(...page.right);
    if (page.right.length < 1000) return events;
  }
};

const accountOf = (event: { metadata: unknown }) =>
  (event.metadata as { account_id?: string }).account_id;

const positionsOf = (account: OpenedAccount, log: ReadonlyArray<RecordedEvent>) =>
  log.filter((e) => accountOf(e) === account.accountId).map((e) => Number(e.globalPosition));

/** Counts the store subscriptions opened and not yet closed. */
const countSubscriptions = (store: EventStore) => {
  let open = 0;
  const subscribe = store.subscribeToAll.bind(store);
  store.subscribeToAll = (options) => {
    const subscription = subscribe(options);
    open += 1;
    let closed = false;
    const close = async () => {
      await subscription.close();
      if (!closed) open -= 1;
      closed = true;
    };
    return { [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](), close };
  };
  return () => open;
};

describe('GET /api/v2/events/stream, the account’s events as server-sent events', () => {
  let api: ApiHarness;
  let acme: OpenedAccount;
  let globex: OpenedAccount;
  let openSubscriptions: () => number;
  let unique = 0;
  const someone = () => ({ name: `Someone ${++unique}` });

  beforeAll(async () => {
    api = await startApi({ eventStreamHeartbeatMs: 50 });
    openSubscriptions = countSubscriptions(api.store);
    acme = await api.openAccount('team', 'Acme');
    globex = await api.openAccount('team', 'Globex');
  });
  afterAll(() => api.close());

  it('delivers every event of the account in order, exactly once across a reconnect with Last-Event-ID, and nothing of another account', async () => {
    await api.addUser(acme, someone());
    await api.addUser(globex, someone());
    const first = follow(api, acme.ownerToken);
    await first.caughtUp();
    // live events of both accounts; the client leaves while they are still being appended
    const caughtUpWith = first.dispatched.length;
    const appending = (async () => {
      for (let i = 0; i < 5; i++) {
        await api.addUser(acme, someone());
        await api.addUser(globex, someone());
      }
    })();
    await first.until('some live events arrived', () => first.dispatched.length > caughtUpWith);
    await first.close();
    await appending;
    const resumeAt = first.lastEventId();
    expect(resumeAt).toBe(first.dispatched.at(-1)!.id);
    // appended while it was away
    for (let i = 0; i < 3; i++) {
      await api.addUser(acme, someone());
      await api.addUser(globex, someone());
    }
    const second = follow(api, acme.ownerToken, { headers: { 'Last-Event-ID': resumeAt } });
    await api.addUser(acme, someone());
    const expected = positionsOf(acme, await wholeLog(api.store));
    await second.until('the last event arrived', () =>
      second.dispatched.some((d) => d.event.global_position === expected.at(-1)),
    );
    await second.close();

    const received = [...first.dispatched, ...second.dispatched];
    expect(received.map((d) => d.event.global_position)).toEqual(expected);
    expect(received.map((d) => d.id)).toEqual(expected.map(String));
    expect(received.filter((d) => accountOf(d.event) !== acme.accountId)).toEqual([]);
    expect(second.dispatched.length).toBeGreaterThan(0);
  });

  it('shows each event as stored: id, type, stream, revision, global position, data, metadata', async () => {
    await api.addUser(acme, someone());
    const stream = follow(api, acme.ownerToken);
    await stream.caughtUp();
    await stream.close();
    const log = await wholeLog(api.store);
    const stored = log.find((e) => e.globalPosition === BigInt(stream.dispatched.at(-1)!.id))!;
    expect(stream.dispatched.at(-1)!.event).toEqual({
      id: stored.id,
      type: stored.type,
      stream: stored.streamName,
      revision: Number(stored.revision),
      global_position: Number(stored.globalPosition),
      data: stored.data,
      metadata: stored.metadata,
    });
  });

  it('starts after ?after=, and Last-Event-ID wins over it (an EventSource repeats its URL)', async () => {
    const expected = positionsOf(acme, await wholeLog(api.store));
    const from = expected[2]!;
    const byQuery = follow(api, acme.ownerToken, { path: `/api/v2/events/stream?after=${from}` });
    await byQuery.caughtUp();
    await byQuery.close();
    expect(byQuery.dispatched.map((d) => d.event.global_position)).toEqual(
      expected.filter((p) => p > from),
    );
    const later = expected[4]!;
    const both = follow(api, acme.ownerToken, {
      path: `/api/v2/events/stream?after=${from}`,
      headers: { 'Last-Event-ID': String(later) },
    });
    await both.caughtUp();
    await both.close();
    expect(both.dispatched.map((d) => d.event.global_position)).toEqual(
      expected.filter((p) => p > later),
    );
  });

  it('sends heartbeats on a quiet stream, whose id moves past other accounts’ events', async () => {
    const stream = follow(api, acme.ownerToken);
    await stream.caughtUp();
    const before = stream.dispatched.length;
    await api.addUser(globex, someone());
    const head = (await wholeLog(api.store)).at(-1)!.globalPosition;
    await stream.until('a heartbeat names the head', () => stream.lastEventId() === String(head));
    expect(stream.comments).toContain('heartbeat');
    expect(stream.dispatched.length).toBe(before);
    await stream.close();
    // resuming there reads nothing again, and what comes next arrives
    const resumed = follow(api, acme.ownerToken, {
      headers: { 'Last-Event-ID': stream.lastEventId() },
    });
    await resumed.caughtUp();
    await api.addUser(acme, someone());
    await resumed.until('the new event arrived', () => resumed.dispatched.length > 0);
    await resumed.close();
    expect(resumed.dispatched.every((d) => BigInt(d.id) > head)).toBe(true);
    expect(resumed.dispatched.every((d) => accountOf(d.event) === acme.accountId)).toBe(true);
  });

  it('names the start position first, so that a heartbeat before any event keeps the client’s last id', async () => {
    const resumeAt = String((await wholeLog(api.store)).at(-1)!.globalPosition);
    const stream = follow(api, acme.ownerToken, { headers: { 'Last-Event-ID': resumeAt } });
    await stream.until('a heartbeat', () => stream.comments.includes('heartbeat'));
    await stream.close();
    expect(stream.lastEventId()).toBe(resumeAt);
  });

  /** Once the server has seen the clients of earlier tests leave. */
  const noFeedOpen = async () => {
    const deadline = Date.now() + 5_000;
    while (api.eventStreams.openCount() > 0 || openSubscriptions() > 0) {
      if (Date.now() > deadline) throw new Error('feeds left open');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('closes the store subscription when the client goes away', async () => {
    await noFeedOpen();
    const stream = follow(api, acme.ownerToken);
    await stream.caughtUp();
    expect([openSubscriptions(), api.eventStreams.openCount()]).toEqual([1, 1]);
    await stream.close();
    await stream.until('the subscription is closed', () => openSubscriptions() === 0);
    expect(api.eventStreams.openCount()).toBe(0);
  });

  it('ends every feed cleanly, and its subscription, when the server stops', async () => {
    await noFeedOpen();
    const streams = [follow(api, acme.ownerToken), follow(api, globex.ownerToken)];
    for (const stream of streams) await stream.caughtUp();
    expect([openSubscriptions(), api.eventStreams.openCount()]).toEqual([2, 2]);
    await api.eventStreams.closeAll();
    for (const stream of streams) {
      await stream.done;
      // the response ended as a response does, not cut
      expect([stream.ended(), stream.failure()]).toEqual([true, undefined]);
    }
    expect(api.eventStreams.openCount()).toBe(0);
    expect(openSubscriptions()).toBe(0);
  });

  it('refuses a bad after or Last-Event-ID with 400 naming it, and appends nothing', async () => {
    await noFeedOpen();
    const before = await api.eventCount();
    const cases: Array<[{ path?: string; headers?: Record<string, string> }, string]> = [
      [{ path: '/api/v2/events/stream?after=abc' }, 'after'],
      [{ path: '/api/v2/events/stream?after=-1' }, 'after'],
      [{ path: '/api/v2/events/stream?after=1.5' }, 'after'],
      [{ path: '/api/v2/events/stream?after=9223372036854775808' }, 'after'],
      [{ path: '/api/v2/events/stream?after=1&after=2' }, 'after'],
      [{ headers: { 'Last-Event-ID': 'abc' } }, 'Last-Event-ID'],
      [{ headers: { 'Last-Event-ID': '12x' } }, 'Last-Event-ID'],
      [{ headers: { 'Last-Event-ID': '-5' } }, 'Last-Event-ID'],
    ];
    for (const [request, field] of cases) {
      const stream = follow(api, acme.ownerToken, request);
      await stream.done;
      expect([request, stream.status(), Object.keys(JSON.parse(stream.body()).details)]).toEqual([
        request,
        400,
        [field],
      ]);
    }
    expect(await api.eventCount()).toBe(before);
    expect(api.eventStreams.openCount()).toBe(0);
  });

  it('is for admins only: 401 without a valid token, 403 for agents and end users', async () => {
    const agent = await api.addUser(acme, { name: 'Agent', role: 'agent' });
    const endUser = await api.addUser(acme, { name: 'Ann', email: 'ann@acme.example' });
    const admin = await api.addUser(acme, { name: 'Ada', role: 'admin' });
    const cases: Array<[string | undefined, number]> = [
      [undefined, 401],
      ['not-a-token', 401],
      [agent.token, 403],
      [endUser.token, 403],
    ];
    for (const [token, status] of cases) {
      const stream = follow(api, token);
      await stream.done;
      expect([token, stream.status()]).toEqual([token, status]);
    }
    const allowed = follow(api, admin.token);
    await allowed.caughtUp();
    await allowed.close();
    expect(allowed.status()).toBe(200);
  });
});
