import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('users routes', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount('team');
  });
  afterAll(() => api.close());

  describe('POST /api/v2/users', () => {
    it('R5.1 an agent adds an end user by hand; the response shows what was written, with its ETag', async () => {
      const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
      const answer = await api.request('POST', '/api/v2/users', {
        token: agent.token,
        body: {
          user: {
            name: 'Carla',
            email: 'Carla@Example.com',
            phone: '+33 1 23 45 67 89',
            tags: ['vip'],
            organization_id: account.defaultOrganizationId,
          },
        },
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toMatch(/^"\d+"$/);
      expect(answer.body.user).toMatchObject({
        name: 'Carla',
        email: 'Carla@Example.com',
        role: 'end-user',
        role_label: 'end-user',
        is_owner: false,
        status: 'active',
        tags: ['vip'],
        organization_id: account.defaultOrganizationId,
        organization_ids: [account.defaultOrganizationId],
      });
    });

    it('R5.1 only admins add agents: an agent adding an agent is refused with the rule', async () => {
      const agent = await api.addUser(account, {
        name: 'Al 2',
        role: 'agent',
        email: 'al2@acme.com',
      });
      const before = await api.eventCount();
      const answer = await api.request('POST', '/api/v2/users', {
        token: agent.token,
        body: { user: { name: 'Bo', role: 'agent', email: 'bo@acme.com' } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.details['user.role'][0].rule).toBe('R5.1');
      expect(await api.eventCount()).toBe(before);
    });

    it('R5.2 refuses an address another user has, in any case, and appends no event', async () => {
      await api.addUser(account, { name: 'Dora', email: 'dora@example.com' });
      const before = await api.eventCount();
      const answer = await api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        body: { user: { name: 'Dora again', email: 'DORA@example.com' } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        error: 'RecordInvalid',
        details: { 'user.email': [{ rule: 'R5.2' }] },
      });
      expect(await api.eventCount()).toBe(before);
    });

    it('R5.3 accepts a .invalid address and refuses a malformed one by its path', async () => {
      const ok = await api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        body: { user: { name: 'No Mail', email: 'nomail@customer.invalid' } },
      });
      expect(ok.status).toBe(201);
      const bad = await api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        body: { user: { name: 'Bad', email: 'bad@@example' } },
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.details)).toEqual(['user.email']);
    });

    it('finds no organization of another account (404), and end users cannot add users (403)', async () => {
      const other = await api.openAccount();
      const foreign = await api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        body: { user: { name: 'Eve', organization_id: other.defaultOrganizationId } },
      });
      expect(foreign.status).toBe(404);
      const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
      const byEndUser = await api.request('POST', '/api/v2/users', {
        token: ann.token,
        body: { user: { name: 'Friend' } },
      });
      expect(byEndUser.status).toBe(403);
    });
  });

  describe('GET /api/v2/users', () => {
    it('R4.7 lists the team with the owner labelled "admin (owner)", filtered by role, page by page', async () => {
      const fresh = await api.openAccount();
      for (const n of [1, 2, 3]) await api.addUser(fresh, { name: `Agent ${n}`, role: 'agent' });
      await api.addUser(fresh, { name: 'Customer' });
      const admins = await api.request('GET', '/api/v2/users?role=admin', {
        token: fresh.ownerToken,
      });
      expect(admins.status).toBe(200);
      expect(admins.body.users).toHaveLength(1);
      expect(admins.body.users[0]).toMatchObject({
        role: 'admin',
        role_label: 'admin (owner)',
        is_owner: true,
      });

      const first = await api.request('GET', '/api/v2/users.json?role=agent&page[size]=2', {
        token: fresh.ownerToken,
      });
      expect(first.body.users.map((u: { name: string }) => u.name)).toEqual(['Agent 1', 'Agent 2']);
      expect(first.body.meta.has_more).toBe(true);
      const next = new URL(first.body.links.next);
      expect(next.searchParams.get('page[after]')).toBe(first.body.meta.after_cursor);
      const second = await api.request('GET', `${next.pathname}${next.search}`, {
        token: fresh.ownerToken,
      });
      expect(second.body.users.map((u: { name: string }) => u.name)).toEqual(['Agent 3']);
      expect(second.body.meta).toEqual({ has_more: false, after_cursor: null });
      expect(second.body.links.next).toBeNull();
    });

    it('refuses a bad role, page size or cursor by name (400)', async () => {
      for (const [query, path] of [
        ['role=owner', 'role'],
        ['page[size]=101', 'page[size]'],
        ['page[after]=%%%', 'page[after]'],
      ] as const) {
        const answer = await api.request('GET', `/api/v2/users?${query}`, {
          token: account.ownerToken,
        });
        expect(answer.status).toBe(400);
        expect(Object.keys(answer.body.details)).toEqual([path]);
      }
    });
  });

  describe('GET /api/v2/users/me and /api/v2/users/{id}', () => {
    it('shows end users themselves only: another user is not found to them', async () => {
      const ann = await api.addUser(account, {
        name: 'Ann B',
        email: 'annb@acme.com',
        notes: 'slow payer',
      });
      const bob = await api.addUser(account, { name: 'Bob B', email: 'bobb@acme.com' });
      const me = await api.request('GET', '/api/v2/users/me', { token: ann.token });
      expect(me.body.user.id).toBe(ann.id);
      expect(me.body.user).not.toHaveProperty('notes'); // the team's notes are not for end users
      const self = await api.request('GET', `/api/v2/users/${ann.id}`, { token: ann.token });
      expect(self.status).toBe(200);
      expect(
        (await api.request('GET', `/api/v2/users/${bob.id}`, { token: ann.token })).status,
      ).toBe(404);
      const byTeam = await api.request('GET', `/api/v2/users/${ann.id}`, {
        token: account.ownerToken,
      });
      expect(byTeam.body.user.notes).toBe('slow payer');
    });

    it('refuses an id that is not a UUID by its name (400), and finds no other account’s user (404)', async () => {
      const other = await api.openAccount();
      const bad = await api.request('GET', '/api/v2/users/42', { token: account.ownerToken });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.details)).toEqual(['id']);
      expect(
        (await api.request('GET', `/api/v2/users/${other.ownerId}`, { token: account.ownerToken }))
          .status,
      ).toBe(404);
    });
  });

  describe('PUT /api/v2/users/{id}', () => {
    it('changes profile and role in one write, guarded by If-Match', async () => {
      const eve = await api.addUser(account, { name: 'Eve', email: 'eve@acme.com' });
      const read = await api.request('GET', `/api/v2/users/${eve.id}`, {
        token: account.ownerToken,
      });
      const etag = read.headers.get('etag')!;
      const changed = await api.request('PUT', `/api/v2/users/${eve.id}`, {
        token: account.ownerToken,
        headers: { 'If-Match': etag },
        body: { user: { name: 'Eve Adams', role: 'agent', time_zone: 'Europe/Paris' } },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.user).toMatchObject({
        name: 'Eve Adams',
        role: 'agent',
        time_zone: 'Europe/Paris',
      });
      const before = await api.eventCount();
      const stale = await api.request('PUT', `/api/v2/users/${eve.id}`, {
        token: account.ownerToken,
        headers: { 'If-Match': etag },
        body: { user: { name: 'Too late' } },
      });
      expect(stale.status).toBe(412);
      expect(await api.eventCount()).toBe(before);
    });

    it('R4.1 refuses to demote the owner (422 with the rule)', async () => {
      const answer = await api.request('PUT', `/api/v2/users/${account.ownerId}`, {
        token: account.ownerToken,
        body: { user: { role: 'agent' } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.details['user.role'][0].rule).toBe('R4.1');
    });

    it('lets an end user rename themselves, but not change their role or notes (403)', async () => {
      const ann = await api.addUser(account, { name: 'Ann C', email: 'annc@acme.com' });
      const renamed = await api.request('PUT', `/api/v2/users/${ann.id}`, {
        token: ann.token,
        body: { user: { name: 'Ann Carter' } },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.user.name).toBe('Ann Carter');
      for (const user of [{ role: 'admin' }, { notes: 'me' }])
        expect(
          (
            await api.request('PUT', `/api/v2/users/${ann.id}`, {
              token: ann.token,
              body: { user },
            })
          ).status,
        ).toBe(403);
    });

    it('refuses a malformed If-Match (400) rather than ignoring it', async () => {
      const answer = await api.request('PUT', `/api/v2/users/${account.ownerId}`, {
        token: account.ownerToken,
        headers: { 'If-Match': 'yesterday' },
        body: { user: { name: 'Olga' } },
      });
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.details)).toEqual(['If-Match']);
    });
  });

  describe('DELETE /api/v2/users/{id}', () => {
    it('deletes a user, whose token then stops working; R4.1 keeps the owner', async () => {
      const gus = await api.addUser(account, { name: 'Gus', role: 'agent', email: 'gus@acme.com' });
      const deleted = await api.request('DELETE', `/api/v2/users/${gus.id}`, {
        token: account.ownerToken,
      });
      expect(deleted.status).toBe(200);
      expect(deleted.body.user.status).toBe('deleted');
      expect((await api.request('GET', '/api/v2/users/me', { token: gus.token })).status).toBe(401);
      const agent = await api.addUser(account, {
        name: 'Al D',
        role: 'agent',
        email: 'ald@acme.com',
      });
      const admin = await api.addUser(account, {
        name: 'Ada D',
        role: 'admin',
        email: 'adad@acme.com',
      });
      expect(
        (await api.request('DELETE', `/api/v2/users/${admin.id}`, { token: agent.token })).status,
      ).toBe(403);
      const owner = await api.request('DELETE', `/api/v2/users/${account.ownerId}`, {
        token: admin.token,
      });
      expect(owner.status).toBe(422);
      expect(owner.body.details.user[0].rule).toBe('R4.1');
    });
  });
});
