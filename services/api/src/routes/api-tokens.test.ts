import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('API token routes', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  it('POST /users/me/api_tokens issues a working token, shown once and never logged', async () => {
    const answer = await api.request('POST', '/api/v2/users/me/api_tokens', {
      token: account.ownerToken,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.api_token).toMatchObject({ user_id: account.ownerId });
    const token: string = answer.body.api_token.token;
    expect((await api.request('GET', '/api/v2/users/me', { token })).status).toBe(200);
    expect(api.logLines.join('\n')).not.toContain(token);
    expect(api.logLines.join('\n')).not.toContain(account.ownerToken);
  });

  it('lets admins issue tokens for agents, not for end users; agents cannot issue for others (403)', async () => {
    const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    const forAgent = await api.request('POST', `/api/v2/users/${agent.id}/api_tokens`, {
      token: account.ownerToken,
    });
    expect(forAgent.status).toBe(201);
    expect(forAgent.body.api_token.user_id).toBe(agent.id);
    expect(
      (
        await api.request('POST', `/api/v2/users/${ann.id}/api_tokens`, {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/api/v2/users/${account.ownerId}/api_tokens`, {
          token: agent.token,
        })
      ).status,
    ).toBe(403);
    const other = await api.openAccount();
    expect(
      (
        await api.request('POST', `/api/v2/users/${other.ownerId}/api_tokens`, {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(404);
  });
});
