import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('PUT /api/v2/users/{id}/merge and job statuses', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  it('R3.5 R3.6 R3.8 merges the source into the target: tickets and emails move, the job completes', async () => {
    const source = await api.addUser(account, { name: 'Bob (dup)', email: 'bob@old.com' });
    const target = await api.addUser(account, { name: 'Bob', email: 'bob@new.com' });
    const ticket = await api.openTicket(account, source.id);
    const answer = await api.request('PUT', `/api/v2/users/${source.id}/merge.json`, {
      token: account.ownerToken,
      body: { user: { id: target.id } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.user.id).toBe(target.id);
    expect(answer.body.job_status).toMatchObject({ status: 'queued', progress: 0 });
    await api.settled();

    const job = await api.request('GET', `/api/v2/job_statuses/${answer.body.job_status.id}`, {
      token: account.ownerToken,
    });
    expect(job.body.job_status).toEqual({
      id: answer.body.job_status.id,
      status: 'completed',
      total: 1,
      progress: 1,
    });
    const moved = await api.store.readStream(`ticket-${ticket}`)();
    const last = moved._tag === 'Right' ? moved.right[moved.right.length - 1] : undefined;
    expect(last).toMatchObject({
      type: 'RequesterChanged',
      metadata: { correlation_id: answer.headers.get('x-request-id') },
    });
    // the merge's correlation id is the request's
    const merged = await api.request('GET', `/api/v2/users/${source.id}`, {
      token: account.ownerToken,
    });
    expect(merged.body.user).toMatchObject({ status: 'merged', merged_into_id: target.id });
    expect((await api.request('GET', '/api/v2/users/me', { token: source.token })).status).toBe(
      401,
    );
  });

  it('R3.1 refuses to merge an agent (422 with the rule), appending nothing', async () => {
    const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
    const target = await api.addUser(account, { name: 'Cy', email: 'cy@acme.com' });
    const before = await api.eventCount();
    const answer = await api.request('PUT', `/api/v2/users/${agent.id}/merge`, {
      token: account.ownerToken,
      body: { user: { id: target.id } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.details['user.id'][0].rule).toBe('R3.1');
    expect(await api.eventCount()).toBe(before);
  });

  it('R3.5 a merged user cannot be merged again', async () => {
    const a = await api.addUser(account, { name: 'Dan 1', email: 'dan1@acme.com' });
    const b = await api.addUser(account, { name: 'Dan 2', email: 'dan2@acme.com' });
    const c = await api.addUser(account, { name: 'Dan 3', email: 'dan3@acme.com' });
    await api.request('PUT', `/api/v2/users/${a.id}/merge`, {
      token: account.ownerToken,
      body: { user: { id: b.id } },
    });
    await api.jobs.settled();
    const again = await api.request('PUT', `/api/v2/users/${a.id}/merge`, {
      token: account.ownerToken,
      body: { user: { id: c.id } },
    });
    expect(again.status).toBe(422);
    expect(again.body.details['user.id'][0].rule).toBe('R3.5');
  });

  it('is for the team only (403), finds no other account’s user (404) and no unknown job (404)', async () => {
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    const eve = await api.addUser(account, { name: 'Eve', email: 'eve@acme.com' });
    const other = await api.openAccount();
    const theirs = await api.addUser(other, { name: 'Zed', email: 'zed@other.com' });
    expect(
      (
        await api.request('PUT', `/api/v2/users/${ann.id}/merge`, {
          token: ann.token,
          body: { user: { id: eve.id } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request('PUT', `/api/v2/users/${ann.id}/merge`, {
          token: account.ownerToken,
          body: { user: { id: theirs.id } },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('GET', '/api/v2/job_statuses/00000000-0000-4000-8000-000000000001', {
          token: account.ownerToken,
        })
      ).status,
    ).toBe(404);
  });
});
