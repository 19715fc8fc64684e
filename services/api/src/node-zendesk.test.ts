import { createClient } from 'node-zendesk';
import { startApi, type ApiHarness, type OpenedAccount } from './testing/api-harness';

/** What node-zendesk answers: `{response, result}` for one resource, the items for a list. */
interface One<A> {
  readonly result: A;
}
interface Named {
  readonly id: string;
  readonly name: string;
}

/**
 * A client written for Zendesk, not for us, against the account and user routes: it sends Basic
 * `{email}/token`, `.json` suffixes and `page[size]`, and follows `links.next`. Its types say
 * ids are numbers; ours are UUIDs, hence the casts.
 */
describe('node-zendesk against the users and organizations routes', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  let client: ReturnType<typeof createClient>;
  const id = (uuid: string) => uuid as unknown as number;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount('team');
    const me = await api.request('GET', '/api/v2/users/me', { token: account.ownerToken });
    client = createClient({
      username: me.body.user.email,
      token: account.ownerToken,
      endpointUri: `${api.base}/api/v2`,
    } as Parameters<typeof createClient>[0]);
  });
  afterAll(() => api.close());

  it('authenticates, creates users, lists them page by page, updates and searches them', async () => {
    const me = (await client.users.me()) as unknown as One<Named>;
    expect(me.result.id).toBe(account.ownerId);
    for (let n = 0; n < 3; n += 1)
      await client.users.create({
        user: { name: `Customer ${n}`, email: `customer${n}@zd.example` },
      });
    const all = (await client.users.list()) as unknown as Named[];
    expect(all.map((u) => u.name)).toEqual([
      'Olga Owner',
      'Customer 0',
      'Customer 1',
      'Customer 2',
    ]);
    const created = (await client.users.create({
      user: { name: 'Rita', email: 'rita@zd.example' },
    })) as unknown as One<Named>;
    const updated = (await client.users.update(id(created.result.id), {
      user: { name: 'Rita Z' },
    })) as unknown as One<Named>;
    expect(updated.result.name).toBe('Rita Z');
    const shown = (await client.users.show(id(created.result.id))) as unknown as One<Named>;
    expect(shown.result.name).toBe('Rita Z');
    const found = (await client.users.search({ query: 'zd.example' })) as unknown as Named[];
    expect(found.map((u) => u.name)).toContain('Rita Z');
  });

  it('R3.8 merges one user into another; the target gets the source’s email', async () => {
    const source = await api.addUser(account, { name: 'Sam (dup)', email: 'sam.old@zd.example' });
    const target = await api.addUser(account, { name: 'Sam', email: 'sam@zd.example' });
    const merged = (await client.users.merge(
      id(source.id),
      id(target.id),
    )) as unknown as One<Named>;
    expect(merged.result.id).toBe(target.id);
    await api.settled();
    const identities = (await client.useridentities.list(id(target.id))) as unknown as Array<{
      value: string;
    }>;
    expect(identities.map((i) => i.value).sort()).toEqual(['sam.old@zd.example', 'sam@zd.example']);
  });

  it('creates an organization and lists organizations', async () => {
    const created = (await client.organizations.create({
      organization: { name: 'ZD Org' },
    })) as unknown as One<Named>;
    expect(created.result.name).toBe('ZD Org');
    const organizations = (await client.organizations.list()) as unknown as Named[];
    expect(organizations.map((o) => o.name)).toEqual(['Unassigned', 'ZD Org']);
  });
});
