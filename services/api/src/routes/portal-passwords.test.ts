import { redactedSecret } from '@helpdesk/domain';
import { portalDeskSuite } from './portal.fixtures';

const desk = portalDeskSuite();

const types = (events: ReadonlyArray<{ type: string }>) => events.map((e) => e.type);
const resets = async (userId: string) =>
  (await desk.userEvents(userId)).filter((e) => e.type.startsWith('PasswordReset'));

describe('R6.7 an agent starts a portal password reset', () => {
  it('records who started it and queues the mail, its link left for the sender', async () => {
    const { api, agent } = desk;
    const ann = await desk.endUser();
    const answer = await api.request('POST', `/api/v2/users/${ann.id}/password/reset`, {
      token: agent.token,
    });
    expect(answer.status).toBe(202);
    const [requested] = await resets(ann.id);
    expect(requested).toMatchObject({
      type: 'PasswordResetRequested',
      data: { user_id: ann.id },
      metadata: { actor: { type: 'user', id: agent.id } },
    });
    const mails = await desk.mailsTo(ann.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ann.email, status: 'queued', template_id: null });
    expect(mails[0].body).toContain(redactedSecret);
  });

  it('pairs the link the sender mints with that reset: it sets the password once', async () => {
    const { api, agent } = desk;
    const ann = await desk.endUser();
    await api.request('POST', `/api/v2/users/${ann.id}/password/reset`, { token: agent.token });
    const token = await desk.mintLink(ann.id);
    expect((await desk.setPassword(token, 'first password')).status).toBe(204);
    const [requested, completed, ...more] = await resets(ann.id);
    expect(more).toEqual([]);
    expect(completed).toMatchObject({
      type: 'PasswordResetCompleted',
      data: { user_id: ann.id, reset_id: requested!.data.reset_id },
      metadata: { actor: { type: 'user', id: ann.id }, via: { channel: 'portal' } },
    });
    expect((await desk.signIn(ann.email, 'first password')).status).toBe(200);
  });

  it('refuses an agent or admin as the user (portal passwords are for end users) and appends nothing', async () => {
    const { api, account } = desk;
    const before = await api.eventCount();
    const answer = await api.request('POST', `/api/v2/users/${desk.agent.id}/password/reset`, {
      token: account.ownerToken,
    });
    expect([answer.status, answer.body.details.base[0].rule]).toEqual([422, 'R6.7']);
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a user without an email address, and appends nothing', async () => {
    const { api, agent, account } = desk;
    const created = await api.addUser(account, { name: 'No Mail' });
    const before = await api.eventCount();
    const answer = await api.request('POST', `/api/v2/users/${created.id}/password/reset`, {
      token: agent.token,
    });
    expect([answer.status, answer.body.details.base[0].rule]).toEqual([422, 'R6.7']);
    expect(await api.eventCount()).toBe(before);
    expect(await desk.mailsTo(created.id)).toEqual([]);
  });
});

describe('R6.7 an end user starts a portal password reset', () => {
  it('through the forgot-password form: 202, the mail goes to the address given', async () => {
    const ann = await desk.endUser();
    const answer = await desk.forgot(ann.email.toUpperCase());
    expect(answer.status).toBe(202);
    const [requested] = await resets(ann.id);
    expect(requested).toMatchObject({
      type: 'PasswordResetRequested',
      metadata: { actor: { type: 'system' }, via: { channel: 'portal' } },
    });
    expect((await desk.mailsTo(ann.id)).map((m) => m.to)).toEqual([ann.email]);
  });

  it('answers an unknown address, an agent’s address and another account the same, doing nothing', async () => {
    const { api } = desk;
    const other = await api.openAccount('team', 'Other Co');
    const ann = await desk.endUser();
    const agent = await desk.api.addUser(desk.account, {
      name: 'Agent Mail',
      role: 'agent',
      email: `${desk.fresh('agent')}@acme.example`,
    });
    const before = await api.eventCount();
    const known = await desk.forgot(ann.email);
    const answers = [
      await desk.forgot(`${desk.fresh('nobody')}@acme.example`),
      await desk.forgot(agent.user.email),
      await desk.forgot(ann.email, other.accountId),
    ];
    for (const answer of answers) expect([answer.status, answer.body]).toEqual([202, known.body]);
    expect(await api.eventCount()).toBe(before + 1n); // Ann's reset only
    expect(await desk.mailsTo(agent.id)).toEqual([]);
  });

  it('from their own token, for themselves; another end user is not found to them', async () => {
    const { api } = desk;
    const ann = await desk.endUser();
    const bob = await desk.endUser();
    const own = await api.request('POST', `/api/v2/users/${ann.id}/password/reset`, {
      token: ann.token,
    });
    expect(own.status).toBe(202);
    const before = await api.eventCount();
    const theirs = await api.request('POST', `/api/v2/users/${bob.id}/password/reset`, {
      token: ann.token,
    });
    expect(theirs.status).toBe(404);
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses the form without an account, or with a malformed one (400)', async () => {
    const { api } = desk;
    const missing = await api.request('POST', '/api/v2/portal/password/forgot', {
      body: { email: 'x@acme.example' },
    });
    const malformed = await desk.forgot('x@acme.example', 'not-a-uuid');
    expect([missing.status, Object.keys(missing.body.details)]).toEqual([400, ['account_id']]);
    expect([malformed.status, Object.keys(malformed.body.details)]).toEqual([400, ['account_id']]);
  });
});

describe('R6.8 a password link works once, and expires', () => {
  it('works once: a second use is 409 and the first password stays', async () => {
    const ann = await desk.endUser();
    const token = await desk.mintLink(ann.id);
    expect((await desk.setPassword(token, 'first password')).status).toBe(204);
    const before = await desk.api.eventCount();
    const again = await desk.setPassword(token, 'second password');
    expect([again.status, again.body.error]).toEqual([409, 'Conflict']);
    expect(await desk.api.eventCount()).toBe(before);
    expect((await desk.signIn(ann.email, 'first password')).status).toBe(200);
    expect((await desk.signIn(ann.email, 'second password')).status).toBe(401);
  });

  it('two uses at once: exactly one sets the password', async () => {
    const ann = await desk.endUser();
    const token = await desk.mintLink(ann.id);
    const answers = await Promise.all([
      desk.setPassword(token, 'password one'),
      desk.setPassword(token, 'password two'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
    const winner = answers[0]!.status === 204 ? 'password one' : 'password two';
    expect((await desk.signIn(ann.email, winner)).status).toBe(200);
    expect(types(await resets(ann.id)).filter((t) => t === 'PasswordResetCompleted')).toHaveLength(
      1,
    );
  });

  it('refuses an expired link with 410, and changes nothing', async () => {
    const ann = await desk.endUser();
    const token = await desk.mintLink(ann.id, new Date(Date.now() - 61 * 60 * 1000));
    const before = await desk.api.eventCount();
    const late = await desk.setPassword(token, 'too late now');
    expect([late.status, late.body.error]).toEqual([410, 'Gone']);
    expect(await desk.api.eventCount()).toBe(before);
    expect((await desk.signIn(ann.email, 'too late now')).status).toBe(401);
  });

  it('refuses a link that was never minted with 422 naming the token', async () => {
    const answer = await desk.setPassword('not-a-link-of-ours', 'whatever password');
    expect([answer.status, answer.body.details.token[0].rule]).toEqual([422, 'R6.8']);
  });

  it('refuses a password of fewer than 8 characters with 422, leaving the link usable', async () => {
    const ann = await desk.endUser();
    const token = await desk.mintLink(ann.id);
    const short = await desk.setPassword(token, 'short');
    expect([short.status, short.body.details.password[0].rule]).toEqual([422, 'R6.8']);
    expect((await desk.setPassword(token, 'long enough')).status).toBe(204);
  });

  it('R3.5 refuses a link of a user deleted since, leaving no password', async () => {
    const { api, agent } = desk;
    const ann = await desk.endUser();
    const token = await desk.mintLink(ann.id);
    expect(
      (await api.request('DELETE', `/api/v2/users/${ann.id}`, { token: agent.token })).status,
    ).toBe(200);
    const answer = await desk.setPassword(token, 'a fine password');
    expect([answer.status, answer.body.details.base[0].rule]).toEqual([422, 'R3.5']);
  });

  it('records a link minted by a mail that started no reset (a welcome mail) as started by the system', async () => {
    const ann = await desk.endUser();
    expect((await desk.setPassword(await desk.mintLink(ann.id), 'welcome aboard')).status).toBe(
      204,
    );
    const [requested, completed] = await resets(ann.id);
    expect(requested).toMatchObject({
      type: 'PasswordResetRequested',
      metadata: { actor: { type: 'system' } },
    });
    expect(completed).toMatchObject({
      type: 'PasswordResetCompleted',
      data: { reset_id: requested!.data.reset_id },
    });
  });
});
