import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
// test only: a real helpdesk API in-process, on the in-process EventStoreDB test server
import { startApi, type ApiHarness, type OpenedAccount } from '../../api/src/testing/api-harness';
import { openEventStore } from '../../../packages/event-store/src/open-event-store';
import {
  startEsdbTestServer,
  type EsdbTestServer,
} from '../../../packages/event-store/src/esdb/test-server/server';
import {
  followEventFeed,
  followEventStoreDb,
  startRequesterCounts,
  type EventHandler,
  type RequesterChange,
} from './index';

/** How a source is run: until the signal aborts, handing events to the handler. */
type Source = (handler: EventHandler, signal: AbortSignal) => Promise<void>;

describe('the example subscriber keeps each requester’s ticket count from helpdesk-core’s events', () => {
  let server: EsdbTestServer;
  let api: ApiHarness;
  let client: EventStoreDBClient;
  let acme: OpenedAccount;
  let globex: OpenedAccount;
  let folder: string;
  const tickets: string[] = [];
  let unique = 0;

  const user = async (account: OpenedAccount) =>
    (
      await api.addUser(account, {
        name: `Requester ${++unique}`,
        email: `r${unique}@acme.example`,
      })
    ).id;

  const openTicket = async (account: OpenedAccount, requesterId: string) => {
    const answer = await api.request('POST', '/api/v2/tickets', {
      token: account.ownerToken,
      body: { ticket: { subject: `Help ${++unique}`, requester_id: requesterId } },
    });
    if (answer.status !== 201) throw new Error(answer.text);
    if (account === acme) tickets.push(answer.body.ticket.id);
    return answer.body.ticket.id as string;
  };

  const changeRequester = async (ticketId: string, requesterId: string) => {
    const answer = await api.request('PUT', `/api/v2/tickets/${ticketId}`, {
      token: acme.ownerToken,
      body: { ticket: { requester_id: requesterId } },
    });
    if (answer.status !== 200) throw new Error(answer.text);
  };

  const merge = async (sourceId: string, targetId: string) => {
    const answer = await api.request('PUT', `/api/v2/users/${sourceId}/merge`, {
      token: acme.ownerToken,
      body: { user: { id: targetId } },
    });
    if (answer.status !== 200) throw new Error(answer.text);
    await api.settled();
  };

  /** What the API itself says: each of acme's tickets' requester, counted. */
  const countsFromTheApi = async () => {
    const counts = new Map<string, number>();
    for (const id of tickets) {
      const answer = await api.request('GET', `/api/v2/tickets/${id}`, { token: acme.ownerToken });
      const requester: string = answer.body.ticket.requester_id;
      counts.set(requester, (counts.get(requester) ?? 0) + 1);
    }
    return counts;
  };

  const sorted = (counts: ReadonlyMap<string, number>) => [...counts].sort();

  /**
   * Runs the service on a source until its counts equal the API's, then stops it and saves; the
   * changes it reported on the way.
   */
  const runUntilCaughtUp = async (source: Source, checkpointFile: string, accountId?: string) => {
    const reported: RequesterChange[] = [];
    const service = await startRequesterCounts({
      checkpointFile,
      report: (change) => reported.push(change),
      ...(accountId === undefined ? {} : { accountId }),
    });
    const expected = sorted(await countsFromTheApi());
    const controller = new AbortController();
    const following = source(service.handler, controller.signal);
    const deadline = Date.now() + 15_000;
    while (JSON.stringify(sorted(service.ticketsPerRequester())) !== JSON.stringify(expected)) {
      if (Date.now() > deadline) {
        controller.abort();
        await following;
        throw new Error(`counts ${JSON.stringify(sorted(service.ticketsPerRequester()))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    await following;
    await service.flush();
    return {
      reported,
      counts: service.ticketsPerRequester(),
      position: service.handler.position(),
    };
  };

  /** Every requester change of acme in the log: what the service must report, once each. */
  const changesInTheLog = async () => {
    const answer = await api.request('GET', '/api/v2/events?limit=1000', {
      token: acme.ownerToken,
    });
    return (answer.body.events as Array<{ type: string; global_position: number }>)
      .filter((e) => e.type === 'TicketCreated' || e.type === 'RequesterChanged')
      .map((e) => BigInt(e.global_position));
  };

  /** The story both sources follow: tickets opened, requesters changed by hand and by a merge. */
  const story = async () => {
    const [ann, bob, cy] = [await user(acme), await user(acme), await user(acme)];
    const first = await openTicket(acme, ann);
    await openTicket(acme, ann);
    await openTicket(acme, cy);
    await openTicket(globex, await user(globex));
    return { ann, bob, cy, first };
  };

  beforeAll(async () => {
    server = await startEsdbTestServer();
    const store = await openEventStore({ EVENT_STORE_URL: server.connectionString });
    api = await startApi({ eventStreamHeartbeatMs: 50 }, store);
    client = EventStoreDBClient.connectionString(server.connectionString);
    acme = await api.openAccount('team', 'Acme');
    globex = await api.openAccount('team', 'Globex');
    folder = await mkdtemp(join(tmpdir(), 'subscriber-example-'));
  });
  afterAll(async () => {
    await client.dispose();
    await api.close();
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const bothRuns = async (source: Source, name: string, accountId?: string) => {
    const checkpointFile = join(folder, `${name}.json`);
    const people = await story();
    const before = await runUntilCaughtUp(source, checkpointFile, accountId);
    // while the service is stopped: a change by hand, a merge, a new ticket
    await changeRequester(people.first, people.bob);
    await merge(people.cy, people.bob);
    await openTicket(acme, people.ann);
    const after = await runUntilCaughtUp(source, checkpointFile, accountId);

    const reported = [...before.reported, ...after.reported];
    expect(reported.map((change) => change.position)).toEqual(await changesInTheLog());
    expect(after.reported.every((change) => change.position > before.position!)).toBe(true);
    expect(reported.every((change) => change.accountId === acme.accountId)).toBe(true);
    expect(after.reported.map((change) => change.why)).toEqual(['manual', 'merge', 'opened']);
    expect(sorted(after.counts)).toEqual(sorted(await countsFromTheApi()));
  };

  it('follows the API’s SSE feed, and resumes after a restart with Last-Event-ID', async () => {
    const feed: Source = (handler, signal) =>
      followEventFeed({ url: api.base, token: acme.ownerToken, handler, signal, retryMs: 50 });
    await bothRuns(feed, 'sse');
  });

  it('follows EventStoreDB’s $all filtered to ticket- streams, and resumes from its checkpoint', async () => {
    const esdb: Source = (handler, signal) =>
      followEventStoreDb({ client, prefixes: ['ticket-'], handler, signal, retryMs: 50 });
    await bothRuns(esdb, 'esdb', acme.accountId);
  });
});
