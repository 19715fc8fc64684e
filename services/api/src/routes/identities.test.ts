import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('identities routes', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  const identitiesOf = async (userId: string, token = account.ownerToken) =>
    (await api.request('GET', `/api/v2/users/${userId}/identities`, { token })).body
      .identities as Array<{
      id: string;
      type: string;
      value: string;
      primary: boolean;
    }>;

  it('lists, adds (201) and removes (204) identities', async () => {
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    const added = await api.request('POST', `/api/v2/users/${ann.id}/identities`, {
      token: account.ownerToken,
      body: { identity: { type: 'phone_number', value: '+33 6 12 34 56 78' } },
    });
    expect(added.status).toBe(201);
    expect(added.body.identity).toMatchObject({
      type: 'phone_number',
      user_id: ann.id,
      primary: true,
    });
    expect((await identitiesOf(ann.id)).map((i) => i.type)).toEqual(['email', 'phone_number']);
    const removed = await api.request(
      'DELETE',
      `/api/v2/users/${ann.id}/identities/${added.body.identity.id}`,
      { token: account.ownerToken },
    );
    expect(removed.status).toBe(204);
    expect((await identitiesOf(ann.id)).map((i) => i.type)).toEqual(['email']);
  });

  it('R4.6 the owner hands over their profile: new email, make it primary, remove the old one', async () => {
    const old = (await identitiesOf(account.ownerId))[0]!;
    const refused = await api.request(
      'DELETE',
      `/api/v2/users/${account.ownerId}/identities/${old.id}`,
      {
        token: account.ownerToken,
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.details.identity[0].rule).toBe('R4.6');
    const added = await api.request('POST', `/api/v2/users/${account.ownerId}/identities.json`, {
      token: account.ownerToken,
      body: { identity: { type: 'email', value: 'new.owner@acme.com' } },
    });
    const primary = await api.request(
      'PUT',
      `/api/v2/users/${account.ownerId}/identities/${added.body.identity.id}/make_primary`,
      { token: account.ownerToken },
    );
    expect(primary.status).toBe(200);
    expect(
      primary.body.identities.find(
        (i: { primary: boolean; type: string }) => i.primary && i.type === 'email',
      ).value,
    ).toBe('new.owner@acme.com');
    const removed = await api.request(
      'DELETE',
      `/api/v2/users/${account.ownerId}/identities/${old.id}`,
      {
        token: account.ownerToken,
      },
    );
    expect(removed.status).toBe(204);
    const me = await api.request('GET', '/api/v2/users/me', { token: account.ownerToken });
    expect(me.body.user.email).toBe('new.owner@acme.com');
  });

  it('R5.2 refuses an email another user has (422), appending nothing', async () => {
    await api.addUser(account, { name: 'Bob', email: 'bob@acme.com' });
    const carl = await api.addUser(account, { name: 'Carl', email: 'carl@acme.com' });
    const before = await api.eventCount();
    const answer = await api.request('POST', `/api/v2/users/${carl.id}/identities`, {
      token: account.ownerToken,
      body: { identity: { type: 'email', value: 'BOB@acme.com' } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.details['identity.value'][0].rule).toBe('R5.2');
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses an unknown identity type or a bad value by path (400)', async () => {
    const answer = await api.request('POST', `/api/v2/users/${account.ownerId}/identities`, {
      token: account.ownerToken,
      body: { identity: { type: 'fax', value: '123' } },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.details)).toEqual(['identity.type']);
    const bad = await api.request('POST', `/api/v2/users/${account.ownerId}/identities`, {
      token: account.ownerToken,
      body: { identity: { type: 'email', value: 'nope' } },
    });
    expect(Object.keys(bad.body.details)).toEqual(['identity.value']);
  });

  it('lets end users manage their own identities only; another user’s are not found', async () => {
    const dee = await api.addUser(account, { name: 'Dee', email: 'dee@acme.com' });
    const eli = await api.addUser(account, { name: 'Eli', email: 'eli@acme.com' });
    const own = await api.request('POST', `/api/v2/users/${dee.id}/identities`, {
      token: dee.token,
      body: { identity: { type: 'twitter', value: '@dee', verified: true } },
    });
    expect(own.status).toBe(201);
    expect(own.body.identity.verified).toBe(false); // a user's own word is no verification
    expect(
      (await api.request('GET', `/api/v2/users/${eli.id}/identities`, { token: dee.token })).status,
    ).toBe(404);
    const eliIdentity = (await identitiesOf(eli.id))[0]!;
    expect(
      (
        await api.request('DELETE', `/api/v2/users/${eli.id}/identities/${eliIdentity.id}`, {
          token: dee.token,
        })
      ).status,
    ).toBe(404);
  });

  it('answers 404 for an identity that is not the user’s', async () => {
    const answer = await api.request(
      'DELETE',
      `/api/v2/users/${account.ownerId}/identities/00000000-0000-4000-8000-000000000001`,
      { token: account.ownerToken },
    );
    expect(answer.status).toBe(404);
  });
});
