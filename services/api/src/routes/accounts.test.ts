import { operatorToken, startApi, type ApiHarness } from '../testing/api-harness';

describe('operator and account routes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('POST /api/v2/accounts (operators only)', () => {
    it('R4.1 opens an account with its owner admin, an "Unassigned" organization and a token shown once', async () => {
      const answer = await api.request('POST', '/api/v2/accounts', {
        token: operatorToken,
        body: {
          account: {
            name: 'Globex',
            plan: 'team',
            owner: { name: 'Gina', email: 'gina@globex.com' },
          },
        },
      });
      expect(answer.status).toBe(201);
      expect(answer.body.account).toMatchObject({
        name: 'Globex',
        plan: 'team',
        owner_id: answer.body.owner.id,
      });
      expect(answer.body.owner).toMatchObject({
        name: 'Gina',
        email: 'gina@globex.com',
        role: 'admin',
        is_owner: true,
        role_label: 'admin (owner)',
      });
      expect(answer.body.api_token.token).toMatch(/^hd_/);
      const me = await api.request('GET', '/api/v2/users/me', {
        token: answer.body.api_token.token,
      });
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(answer.body.owner.id);
      const organization = await api.request(
        'GET',
        `/api/v2/organizations/${answer.body.account.settings.default_organization_id}`,
        { token: answer.body.api_token.token },
      );
      expect(organization.body.organization.name).toBe('Unassigned');
    });

    it('is refused without the operator token (401), and a user token is no operator token', async () => {
      const account = await api.openAccount();
      const before = await api.eventCount();
      const body = { account: { name: 'X', plan: 'team', owner: { name: 'X', email: 'x@x.com' } } };
      expect((await api.request('POST', '/api/v2/accounts', { body })).status).toBe(401);
      expect(
        (await api.request('POST', '/api/v2/accounts', { body, token: account.ownerToken })).status,
      ).toBe(401);
      expect(await api.eventCount()).toBe(before);
    });

    it('reports a bad field by its path (400)', async () => {
      const answer = await api.request('POST', '/api/v2/accounts', {
        token: operatorToken,
        body: {
          account: { name: 'X', plan: 'gold', owner: { name: 'X', email: 'not-an-address' } },
        },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('InvalidInput');
      expect(Object.keys(answer.body.details).sort()).toEqual([
        'account.owner.email',
        'account.plan',
      ]);
    });
  });

  describe('GET|PUT /api/v2/account', () => {
    it('shows the account with its ETag, and admins change it', async () => {
      const account = await api.openAccount('team');
      const read = await api.request('GET', '/api/v2/account', { token: account.ownerToken });
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"0"');
      const changed = await api.request('PUT', '/api/v2/account', {
        token: account.ownerToken,
        body: {
          account: {
            name: 'Acme Inc',
            plan: 'professional',
            settings: { multiple_organizations: true },
          },
        },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.account).toMatchObject({
        name: 'Acme Inc',
        plan: 'professional',
        settings: { multiple_organizations: true },
      });
      expect(changed.headers.get('etag')).toBe('"3"');
    });

    it('R2.1 refuses multiple organizations on the Team plan (422 with the rule), appending nothing', async () => {
      const account = await api.openAccount('team');
      const before = await api.eventCount();
      const answer = await api.request('PUT', '/api/v2/account', {
        token: account.ownerToken,
        body: { account: { name: 'Renamed', settings: { multiple_organizations: true } } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        error: 'RecordInvalid',
        details: { account: [{ rule: 'R2.1' }] },
      });
      expect(await api.eventCount()).toBe(before);
    });

    it('answers 412 to a write whose If-Match is stale, and changes nothing', async () => {
      const account = await api.openAccount();
      const before = await api.eventCount();
      const answer = await api.request('PUT', '/api/v2/account', {
        token: account.ownerToken,
        headers: { 'If-Match': '"7"' },
        body: { account: { name: 'Late' } },
      });
      expect(answer.status).toBe(412);
      expect(answer.body.error).toBe('PreconditionFailed');
      expect(await api.eventCount()).toBe(before);
      const fresh = await api.request('PUT', '/api/v2/account', {
        token: account.ownerToken,
        headers: { 'If-Match': '"0"' },
        body: { account: { name: 'On time' } },
      });
      expect(fresh.status).toBe(200);
    });

    it('is not for agents to change, nor for end users to read (403)', async () => {
      const account = await api.openAccount();
      const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
      const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
      expect((await api.request('GET', '/api/v2/account', { token: agent.token })).status).toBe(
        200,
      );
      expect(
        (
          await api.request('PUT', '/api/v2/account', {
            token: agent.token,
            body: { account: { name: 'Mine' } },
          })
        ).status,
      ).toBe(403);
      expect((await api.request('GET', '/api/v2/account', { token: ann.token })).status).toBe(403);
    });
  });

  describe('PUT /api/v2/account/owner', () => {
    it('R4.2 R4.3 R4.7 the owner hands over to an active admin; labels follow; OwnerTransferred is recorded', async () => {
      const account = await api.openAccount();
      const ada = await api.addUser(account, { name: 'Ada', role: 'admin', email: 'ada@acme.com' });
      const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });

      const notAdmin = await api.request('PUT', '/api/v2/account/owner', {
        token: account.ownerToken,
        body: { owner: { user_id: agent.id } },
      });
      expect(notAdmin.status).toBe(422);
      expect(notAdmin.body.details['owner.user_id'][0].rule).toBe('R4.3');

      const byAnotherAdmin = await api.request('PUT', '/api/v2/account/owner', {
        token: ada.token,
        body: { owner: { user_id: ada.id } },
      });
      expect(byAnotherAdmin.status).toBe(403);
      expect(byAnotherAdmin.body.details.base[0].rule).toBe('R4.2');

      const transferred = await api.request('PUT', '/api/v2/account/owner', {
        token: account.ownerToken,
        body: { owner: { user_id: ada.id } },
      });
      expect(transferred.status).toBe(200);
      expect(transferred.body.account.owner_id).toBe(ada.id);
      const log = await api.store.readAll()();
      const types = log._tag === 'Right' ? log.right.map((e) => e.type) : [];
      expect(types).toContain('OwnerTransferred');

      const adaNow = await api.request('GET', `/api/v2/users/${ada.id}`, { token: ada.token });
      expect(adaNow.body.user).toMatchObject({ is_owner: true, role_label: 'admin (owner)' });
      const olgaNow = await api.request('GET', `/api/v2/users/${account.ownerId}`, {
        token: ada.token,
      });
      expect(olgaNow.body.user).toMatchObject({ is_owner: false, role_label: 'admin' });
    });

    it('finds no user of another account (404)', async () => {
      const account = await api.openAccount();
      const other = await api.openAccount();
      const answer = await api.request('PUT', '/api/v2/account/owner', {
        token: account.ownerToken,
        body: { owner: { user_id: other.ownerId } },
      });
      expect(answer.status).toBe(404);
    });
  });

  describe('GET /api/v2/account/subscription', () => {
    it('R4.4 is the owner’s alone: another admin gets 403, and so does the previous owner', async () => {
      const account = await api.openAccount('enterprise');
      const ada = await api.addUser(account, { name: 'Ada', role: 'admin', email: 'ada@acme.com' });
      const mine = await api.request('GET', '/api/v2/account/subscription', {
        token: account.ownerToken,
      });
      expect(mine.status).toBe(200);
      expect(mine.body.subscription).toMatchObject({
        plan: 'enterprise',
        billing_owner_id: account.ownerId,
      });
      const notMine = await api.request('GET', '/api/v2/account/subscription', {
        token: ada.token,
      });
      expect(notMine.status).toBe(403);
      expect(notMine.body.details.base[0].rule).toBe('R4.4');
      await api.request('PUT', '/api/v2/account/owner', {
        token: account.ownerToken,
        body: { owner: { user_id: ada.id } },
      });
      expect(
        (await api.request('GET', '/api/v2/account/subscription', { token: account.ownerToken }))
          .status,
      ).toBe(403);
      expect(
        (await api.request('GET', '/api/v2/account/subscription', { token: ada.token })).status,
      ).toBe(200);
    });
  });
});
