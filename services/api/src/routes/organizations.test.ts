import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('organizations routes', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount('enterprise');
  });
  afterAll(() => api.close());

  const create = (name: string, domain_names: string[] = [], token = account.ownerToken) =>
    api.request('POST', '/api/v2/organizations', {
      token,
      body: { organization: { name, domain_names } },
    });

  it('creates (201 with ETag), reads, lists and updates an organization', async () => {
    const created = await create('Initech', ['Initech.com']);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.body.organization).toMatchObject({
      name: 'Initech',
      domain_names: ['initech.com'],
    });
    const id = created.body.organization.id;
    const read = await api.request('GET', `/api/v2/organizations/${id}`, {
      token: account.ownerToken,
    });
    expect(read.body.organization.name).toBe('Initech');
    const list = await api.request('GET', '/api/v2/organizations', { token: account.ownerToken });
    expect(list.body.organizations.map((o: { name: string }) => o.name)).toEqual([
      'Unassigned',
      'Initech',
    ]);
    expect(list.body.meta).toEqual({ has_more: false, after_cursor: null });
    const updated = await api.request('PUT', `/api/v2/organizations/${id}`, {
      token: account.ownerToken,
      headers: { 'If-Match': '"0"' },
      body: { organization: { name: 'Initech Corp', domain_names: ['initech.com', 'initech.io'] } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.organization).toMatchObject({
      name: 'Initech Corp',
      domain_names: ['initech.com', 'initech.io'],
    });
    const stale = await api.request('PUT', `/api/v2/organizations/${id}`, {
      token: account.ownerToken,
      headers: { 'If-Match': '"0"' },
      body: { organization: { name: 'Again' } },
    });
    expect(stale.status).toBe(412);
  });

  it('names and domains are unique in the account (422 naming the field), and a refusal appends nothing', async () => {
    await create('Globex', ['globex.com']);
    const before = await api.eventCount();
    const sameName = await create('GLOBEX');
    expect(sameName.status).toBe(422);
    expect(sameName.body.details['organization.name'][0].rule).toBe('R5.2');
    const sameDomain = await create('Globex 2', ['globex.com']);
    expect(sameDomain.status).toBe(422);
    expect(sameDomain.body.details['organization.domain_names'][0].rule).toBe('R5.2');
    expect(await api.eventCount()).toBe(before);
  });

  it('R2.9 DELETE emits OrganizationRemoved; the organization is then gone (404) and its name free', async () => {
    const created = await create('Hooli');
    const id = created.body.organization.id;
    const removed = await api.request('DELETE', `/api/v2/organizations/${id}`, {
      token: account.ownerToken,
    });
    expect(removed.status).toBe(204);
    const log = await api.store.readStream(`organization-${id}`)();
    expect(log._tag === 'Right' && log.right.map((e) => e.type)).toEqual([
      'OrganizationCreated',
      'OrganizationRemoved',
    ]);
    expect(
      (await api.request('GET', `/api/v2/organizations/${id}`, { token: account.ownerToken }))
        .status,
    ).toBe(404);
    expect((await create('Hooli')).status).toBe(201);
  });

  it('R6.4 never removes the account’s "Unassigned" organization', async () => {
    const answer = await api.request(
      'DELETE',
      `/api/v2/organizations/${account.defaultOrganizationId}`,
      {
        token: account.ownerToken,
      },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.details.organization[0].rule).toBe('R6.4');
  });

  it('is written by admins only; agents read; end users neither (403); other accounts’ are not found', async () => {
    const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    expect((await create('By agent', [], agent.token)).status).toBe(403);
    expect((await api.request('GET', '/api/v2/organizations', { token: agent.token })).status).toBe(
      200,
    );
    expect((await api.request('GET', '/api/v2/organizations', { token: ann.token })).status).toBe(
      403,
    );
    const other = await api.openAccount();
    expect(
      (
        await api.request('GET', `/api/v2/organizations/${other.defaultOrganizationId}`, {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('PUT', `/api/v2/organizations/${other.defaultOrganizationId}`, {
          token: account.ownerToken,
          body: { organization: { name: 'Mine now' } },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a malformed domain by its path (400)', async () => {
    const answer = await create('Bad domains', ['ok.com', 'not a domain']);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.details)).toEqual(['organization.domain_names.1']);
  });
});
