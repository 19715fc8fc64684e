import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

const eventually = async <A>(probe: () => Promise<A>, until: (a: A) => boolean): Promise<A> => {
  for (let i = 0; i < 100; i += 1) {
    const value = await probe();
    if (until(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return probe();
};

describe('R4.5 integrations: authorised by the owner, re-authorised after a transfer', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  it('the owner connects one; after the transfer it waits for the new owner, who authorises it', async () => {
    const ada = await api.addUser(account, { name: 'Ada', role: 'admin', email: 'ada@acme.com' });
    const created = await api.request('POST', '/api/v2/integrations', {
      token: account.ownerToken,
      body: { integration: { name: 'CRM sync' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.integration).toMatchObject({
      name: 'CRM sync',
      status: 'active',
      authorized_by_id: account.ownerId,
    });
    const id: string = created.body.integration.id;

    const refused = await api.request('POST', '/api/v2/integrations', {
      token: ada.token,
      body: { integration: { name: 'Not mine' } },
    });
    expect([refused.status, refused.body.details.base[0].rule]).toEqual([403, 'R4.5']);

    const transfer = await api.request('PUT', '/api/v2/account/owner', {
      token: account.ownerToken,
      body: { owner: { user_id: ada.id } },
    });
    expect(transfer.status).toBe(200);
    const listed = await eventually(
      () => api.request('GET', '/api/v2/integrations', { token: ada.token }),
      (answer) => answer.body.integrations?.[0]?.status === 'reauthorization_required',
    );
    expect(listed.body.integrations).toEqual([
      expect.objectContaining({
        id,
        status: 'reauthorization_required',
        authorized_by_id: account.ownerId,
      }),
    ]);

    const before = await api.eventCount();
    const byPrevious = await api.request('PUT', `/api/v2/integrations/${id}/authorize`, {
      token: account.ownerToken,
    });
    expect([byPrevious.status, byPrevious.body.details.base[0].rule]).toEqual([403, 'R4.5']);
    expect(await api.eventCount()).toBe(before);

    const authorized = await api.request('PUT', `/api/v2/integrations/${id}/authorize.json`, {
      token: ada.token,
    });
    expect(authorized.status).toBe(200);
    expect(authorized.body.integration).toMatchObject({
      status: 'active',
      authorized_by_id: ada.id,
    });
    expect(authorized.headers.get('etag')).toBe('"2"');
  });

  it('refuses agents (403), unknown or foreign integrations (404), bad bodies (400)', async () => {
    const agent = await api.addUser(account, { name: 'Al', role: 'agent' });
    const before = await api.eventCount();
    expect((await api.request('GET', '/api/v2/integrations', { token: agent.token })).status).toBe(
      403,
    );
    const stranger = await api.openAccount('team', 'Stranger');
    const theirs = await api.request('POST', '/api/v2/integrations', {
      token: stranger.ownerToken,
      body: { integration: { name: 'Theirs' } },
    });
    const afterTheirs = await api.eventCount();
    expect(afterTheirs).toBeGreaterThan(before);
    const crossing = await api.request(
      'PUT',
      `/api/v2/integrations/${theirs.body.integration.id}/authorize`,
      { token: account.ownerToken },
    );
    expect(crossing.status).toBe(404);
    const bad = await api.request('POST', '/api/v2/integrations', {
      token: account.ownerToken,
      body: { integration: { name: '' } },
    });
    expect([bad.status, Object.keys(bad.body.details)]).toEqual([400, ['integration.name']]);
    expect(await api.eventCount()).toBe(afterTheirs);
  });
});
