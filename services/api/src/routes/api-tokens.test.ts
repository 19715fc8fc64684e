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

  it('lists a user’s tokens by id and date, never their values or hashes', async () => {
    const agent = await api.addUser(account, { name: 'Lea', role: 'agent', email: 'lea@acme.com' });
    const issued = await api.request('POST', '/api/v2/users/me/api_tokens', {
      token: agent.token,
    });
    const mine = await api.request('GET', '/api/v2/users/me/api_tokens', { token: agent.token });
    expect(mine.status).toBe(200);
    const ids = mine.body.api_tokens.map((t: { id: string }) => t.id);
    expect(ids).toContain(issued.body.api_token.id);
    expect(mine.body.api_tokens.at(-1)).toEqual({
      id: issued.body.api_token.id,
      user_id: agent.id,
      created_at: issued.body.api_token.created_at,
    });
    expect(JSON.stringify(mine.body)).not.toContain(issued.body.api_token.token);
    const byAdmin = await api.request('GET', `/api/v2/users/${agent.id}/api_tokens`, {
      token: account.ownerToken,
    });
    expect(byAdmin.body.api_tokens).toEqual(mine.body.api_tokens);
    const byOtherAgent = await api.addUser(account, {
      name: 'Max',
      role: 'agent',
      email: 'max@acme.com',
    });
    expect(
      (
        await api.request('GET', `/api/v2/users/${agent.id}/api_tokens`, {
          token: byOtherAgent.token,
        })
      ).status,
    ).toBe(403);
  });

  it('revokes a token: requests carrying it get 401 at once, a second revoke 404, and nothing is appended', async () => {
    const agent = await api.addUser(account, { name: 'Rey', role: 'agent', email: 'rey@acme.com' });
    const issued = await api.request('POST', '/api/v2/users/me/api_tokens', {
      token: agent.token,
    });
    const token: string = issued.body.api_token.token;
    // used once, so that this process remembers it as found
    expect((await api.request('GET', '/api/v2/users/me', { token })).status).toBe(200);
    const before = await api.eventCount();
    const path = `/api/v2/users/me/api_tokens/${issued.body.api_token.id}`;
    expect((await api.request('DELETE', path, { token: agent.token })).status).toBe(204);
    expect(await api.eventCount()).toBe(before);
    expect((await api.request('GET', '/api/v2/users/me', { token })).status).toBe(401);
    expect((await api.request('DELETE', path, { token: agent.token })).status).toBe(404);
    // the agent's other token still works
    expect((await api.request('GET', '/api/v2/users/me', { token: agent.token })).status).toBe(200);
  });

  it('lets admins revoke any user’s token; agents only their own (403); other accounts’ tokens are not found (404)', async () => {
    const agent = await api.addUser(account, { name: 'Zoe', role: 'agent', email: 'zoe@acme.com' });
    const ann = await api.addUser(account, { name: 'Ann B', email: 'annb@acme.com' });
    const annToken = await api.request('POST', '/api/v2/users/me/api_tokens', {
      token: ann.token,
    });
    const annPath = `/api/v2/users/${ann.id}/api_tokens/${annToken.body.api_token.id}`;
    expect((await api.request('DELETE', annPath, { token: agent.token })).status).toBe(403);
    expect((await api.request('DELETE', annPath, { token: ann.token })).status).toBe(403);
    expect((await api.request('DELETE', annPath, { token: account.ownerToken })).status).toBe(204);
    expect(
      (await api.request('GET', '/api/v2/users/me', { token: annToken.body.api_token.token }))
        .status,
    ).toBe(401);
    const other = await api.openAccount();
    const theirs = await api.request('POST', '/api/v2/users/me/api_tokens', {
      token: other.ownerToken,
    });
    const theirId: string = theirs.body.api_token.id;
    expect(
      (
        await api.request('DELETE', `/api/v2/users/${other.ownerId}/api_tokens/${theirId}`, {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('DELETE', `/api/v2/users/me/api_tokens/${theirId}`, {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.request('GET', '/api/v2/users/me', { token: theirs.body.api_token.token })).status,
    ).toBe(200);
  });
});
