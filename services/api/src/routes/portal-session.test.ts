import { portalDeskSuite } from './portal.fixtures';

const desk = portalDeskSuite();

const median = (xs: ReadonlyArray<number>) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const timed = async (call: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

describe('R6.8 signing in to the portal', () => {
  it('gives a session token that authenticates the end user (Bearer)', async () => {
    const ann = await desk.withPassword('correct horse');
    expect(ann.session).toMatch(/^hdp_[A-Za-z0-9_-]{43}$/);
    const me = await desk.api.request('GET', '/api/v2/users/me', { token: ann.session });
    expect([me.status, me.body.user.id]).toEqual([200, ann.id]);
    const requests = await desk.api.request('GET', '/api/v2/requests', { token: ann.session });
    expect(requests.status).toBe(200);
  });

  it('answers a wrong password, an unknown address, a user without a password and another account alike: 401', async () => {
    const { api } = desk;
    const ann = await desk.withPassword('correct horse');
    const noPassword = await desk.endUser();
    const other = await api.openAccount('team', 'Other Co');
    const before = await api.eventCount();
    const answers = [
      await desk.signIn(ann.email, 'wrong horse'),
      await desk.signIn(`${desk.fresh('nobody')}@acme.example`, 'correct horse'),
      await desk.signIn(noPassword.email, 'correct horse'),
      await desk.signIn(ann.email, 'correct horse', other.accountId),
    ];
    for (const answer of answers)
      expect([answer.status, answer.body]).toEqual([401, answers[0]!.body]);
    expect(await api.eventCount()).toBe(before);
  });

  it('takes about as long for an unknown address as for a wrong password', async () => {
    const ann = await desk.withPassword('correct horse');
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await timed(() => desk.signIn(ann.email, 'wrong horse')));
      unknown.push(
        await timed(() => desk.signIn(`${desk.fresh('x')}@acme.example`, 'wrong horse')),
      );
    }
    // a password check (scrypt) dominates both: without the decoy hash, an unknown address answers in a few ms
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
  });

  it('accepts the address in any case', async () => {
    const ann = await desk.withPassword('correct horse');
    expect((await desk.signIn(ann.email.toUpperCase(), 'correct horse')).status).toBe(200);
  });

  it('R3.5 refuses a deleted user, and their open session stops working', async () => {
    const { api, agent } = desk;
    const ann = await desk.withPassword('correct horse');
    expect(
      (await api.request('DELETE', `/api/v2/users/${ann.id}`, { token: agent.token })).status,
    ).toBe(200);
    expect((await desk.signIn(ann.email, 'correct horse')).status).toBe(401);
    const me = await api.request('GET', '/api/v2/users/me', { token: ann.session });
    expect(me.status).toBe(401);
  });

  it('R3.5 refuses a user merged into another', async () => {
    const { api, agent } = desk;
    const ann = await desk.withPassword('correct horse');
    const target = await desk.endUser();
    const merged = await api.request('PUT', `/api/v2/users/${ann.id}/merge`, {
      token: agent.token,
      body: { user: { id: target.id } },
    });
    expect(merged.status).toBe(200);
    await api.settled();
    expect((await desk.signIn(ann.email, 'correct horse')).status).toBe(401);
    expect((await api.request('GET', '/api/v2/users/me', { token: ann.session })).status).toBe(401);
  });

  it('ends the user’s sessions when a link sets a new password', async () => {
    const { api } = desk;
    const ann = await desk.withPassword('correct horse');
    expect((await api.request('GET', '/api/v2/users/me', { token: ann.session })).status).toBe(200);
    expect((await desk.setPassword(await desk.mintLink(ann.id), 'battery staple')).status).toBe(
      204,
    );
    expect((await api.request('GET', '/api/v2/users/me', { token: ann.session })).status).toBe(401);
    expect((await desk.signIn(ann.email, 'correct horse')).status).toBe(401);
    expect((await desk.signIn(ann.email, 'battery staple')).status).toBe(200);
  });

  it('takes a session token as Bearer only, and no made-up one', async () => {
    const { api } = desk;
    const ann = await desk.withPassword('correct horse');
    const basic = `Basic ${Buffer.from(`${ann.email}/token:${ann.session}`).toString('base64')}`;
    const asBasic = await api.request('GET', '/api/v2/users/me', {
      headers: { Authorization: basic },
    });
    expect(asBasic.status).toBe(401);
    const madeUp = await api.request('GET', '/api/v2/users/me', { token: `hdp_${'A'.repeat(43)}` });
    expect(madeUp.status).toBe(401);
  });

  it('refuses a malformed body with 400 and says nothing of the account', async () => {
    const answer = await desk.api.request(
      'POST',
      `/api/v2/portal/session?account_id=${desk.account.accountId}`,
      { body: { email: 'ann@acme.example' } },
    );
    expect([answer.status, Object.keys(answer.body.details)]).toEqual([400, ['password']]);
  });
});
