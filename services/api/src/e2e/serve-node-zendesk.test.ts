import { createClient } from 'node-zendesk';
import { buildServe, freshDatabase, startServe, type ServeProcess } from '../testing/serve-process';

/** What node-zendesk answers: `{response, result}` for one resource, the items for a list. */
interface One<A> {
  readonly result: A;
}
interface Ticket {
  readonly id: string;
  readonly requester_id: string;
  readonly original_requester_id: string;
}
interface Audit {
  readonly metadata: { readonly correlation_id: string };
  readonly via: { readonly source: { readonly rel: string | null } };
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly field_name?: string;
    readonly value?: unknown;
    readonly previous_value?: unknown;
  }>;
}

const operatorToken = 'e2e-operator-token';

const eventually = async <A>(probe: () => Promise<A>, done: (a: A) => boolean): Promise<A> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return probe();
};

/**
 * The built `helpdesk serve`, as a separate process on a free port (the embedded store in a
 * temporary folder, or a fresh database when DATABASE_URL is set), driven by a client written for
 * Zendesk: it authenticates with Basic `{email}/token`, calls `.json` paths and follows pages.
 */
describe('node-zendesk against `helpdesk serve`', () => {
  let serve: ServeProcess;
  let dropDatabase: (() => Promise<void>) | undefined;
  let client: ReturnType<typeof createClient>;
  const id = (uuid: string) => uuid as unknown as number;

  beforeAll(async () => {
    buildServe();
    const url = process.env['DATABASE_URL'];
    let databaseUrl: string | undefined;
    if (url !== undefined && url !== '') {
      const database = await freshDatabase(url, 'helpdesk_e2e');
      databaseUrl = database.url;
      dropDatabase = database.drop;
    }
    serve = await startServe({ operatorToken, ...(databaseUrl ? { databaseUrl } : {}) });
    const opened = await fetch(`${serve.base}/api/v2/accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        account: {
          name: 'Zendesk-shaped Co',
          plan: 'professional',
          owner: { name: 'Olga Owner', email: 'olga@zd-e2e.example' },
        },
      }),
    });
    expect(opened.status).toBe(201);
    const body = (await opened.json()) as { api_token: { token: string } };
    client = createClient({
      username: 'olga@zd-e2e.example',
      token: body.api_token.token,
      endpointUri: `${serve.base}/api/v2`,
    } as Parameters<typeof createClient>[0]);
  }, 180_000);

  afterAll(async () => {
    const code = await serve?.stop();
    await dropDatabase?.();
    // graceful shutdown on SIGTERM: it exits cleanly
    expect(code).toBe(0);
  }, 60_000);

  it('R1.1 R1.3 R3.6 creates users and a ticket, changes its requester, merges, and lists the audits', async () => {
    const created = (await client.users.create({
      user: { name: 'Ann Customer', email: 'ann@customer.example' },
    })) as unknown as One<{ id: string }>;
    const ann = created.result.id;
    const bob = (
      (await client.users.create({
        user: { name: 'Bob Customer', email: 'bob@customer.example' },
      })) as unknown as One<{ id: string }>
    ).result.id;

    const ticket = (
      (await client.tickets.create({
        ticket: { subject: 'Printer on fire', comment: { body: 'Help!' }, requester_id: id(ann) },
      } as never)) as unknown as One<Ticket>
    ).result;
    expect(ticket.requester_id).toBe(ann);

    const updated = (
      (await client.tickets.update(id(ticket.id), {
        ticket: { requester_id: id(bob) },
      } as never)) as unknown as One<Ticket>
    ).result;
    expect(updated).toMatchObject({ requester_id: bob, original_requester_id: ann });

    // Bob turns out to be Ann's duplicate: merge him into her (R3)
    const merged = (await client.users.merge(id(bob), id(ann))) as unknown as One<{ id: string }>;
    expect(merged.result.id).toBe(ann);

    const requesterChanges = (audits: ReadonlyArray<Audit>) =>
      audits.flatMap((audit) =>
        audit.events
          .filter((e) => e.type === 'Change' && e.field_name === 'requester_id')
          .map((e) => [e.previous_value, e.value, audit.via.source.rel]),
      );
    const audits = await eventually(
      async () => (await client.tickets.exportAudit(id(ticket.id))) as unknown as Audit[],
      (list) => requesterChanges(list).length === 2,
    );
    expect(requesterChanges(audits)).toEqual([
      [ann, bob, null],
      [bob, ann, 'merge'],
    ]);
    const shown = (await client.tickets.show(id(ticket.id))) as unknown as One<Ticket>;
    expect(shown.result).toMatchObject({ requester_id: ann, original_requester_id: ann });
  });
});
