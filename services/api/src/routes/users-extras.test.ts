import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('bulk import, search and a user’s tickets', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  describe('POST /api/v2/users/create_many', () => {
    it('R5.1 R6.2 imports rows one by one: each gets a result, refused rows stop nothing, no welcome email', async () => {
      await api.addUser(account, { name: 'Taken', email: 'taken@acme.com' });
      const answer = await api.request('POST', '/api/v2/users/create_many', {
        token: account.ownerToken,
        body: {
          users: [
            { name: 'Imported One', email: 'one@acme.com' },
            { name: 'Bad', email: 'not-an-address' },
            { name: 'Duplicate', email: 'TAKEN@acme.com' },
            { name: 'Imported Two' },
          ],
        },
      });
      expect(answer.status).toBe(200);
      const results = answer.body.results;
      expect(results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
        [0, 'created'],
        [1, 'failed'],
        [2, 'failed'],
        [3, 'created'],
      ]);
      expect(results[1].error).toMatchObject({
        error: 'InvalidInput',
        details: { 'users.1.email': expect.any(Array) },
      });
      expect(results[2].error).toMatchObject({
        error: 'RecordInvalid',
        details: { 'users.2.email': [{ rule: 'R5.2' }] },
      });
      const created = await api.store.readStream(`user-${results[0].id}`)();
      // R6.2: the source says "import", which the welcome mail leaves alone
      expect(created._tag === 'Right' && created.right[0]?.data).toMatchObject({
        source: 'import',
      });
    });

    it('takes 1 to 100 rows (400 otherwise) and is for admins (403)', async () => {
      const tooMany = Array.from({ length: 101 }, (_, n) => ({ name: `U${n}` }));
      for (const users of [[], tooMany, 'nobody']) {
        const answer = await api.request('POST', '/api/v2/users/create_many', {
          token: account.ownerToken,
          body: { users },
        });
        expect(answer.status).toBe(400);
        expect(Object.keys(answer.body.details)).toEqual(['users']);
      }
      const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
      const byAgent = await api.request('POST', '/api/v2/users/create_many', {
        token: agent.token,
        body: { users: [{ name: 'X' }] },
      });
      expect(byAgent.status).toBe(403);
    });
  });

  describe('GET /api/v2/users/search', () => {
    it('R1.4 finds users by name, by email domain (with or without @) and by organization name', async () => {
      const globex = await api.request('POST', '/api/v2/organizations', {
        token: account.ownerToken,
        body: { organization: { name: 'Globex Corporation' } },
      });
      await api.addUser(account, { name: 'Homer Simpson', email: 'homer@springfield.example' });
      await api.addUser(account, {
        name: 'Hank Scorpio',
        organization_id: globex.body.organization.id,
      });
      const names = async (query: string) =>
        (
          await api.request('GET', `/api/v2/users/search?query=${encodeURIComponent(query)}`, {
            token: account.ownerToken,
          })
        ).body.users.map((u: { name: string }) => u.name);
      expect(await names('homer')).toEqual(['Homer Simpson']);
      expect(await names('@springfield.example')).toEqual(['Homer Simpson']);
      expect(await names('springfield.example')).toEqual(['Homer Simpson']);
      expect(await names('globex')).toEqual(['Hank Scorpio']);
    });

    it('needs a query (400) and is not for end users (403)', async () => {
      const missing = await api.request('GET', '/api/v2/users/search', {
        token: account.ownerToken,
      });
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.details)).toEqual(['query']);
      const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
      expect(
        (await api.request('GET', '/api/v2/users/search?query=a', { token: ann.token })).status,
      ).toBe(403);
    });
  });

  describe('GET /api/v2/users/{id}/tickets/requested|ccd', () => {
    it('lists the tickets a user requests; an end user sees their own, not another’s (404)', async () => {
      const rita = await api.addUser(account, { name: 'Rita', email: 'rita@acme.com' });
      const sam = await api.addUser(account, { name: 'Sam', email: 'sam@acme.com' });
      const ticket = await api.openTicket(account, rita.id, 'Printer on fire');
      const requested = await api.request('GET', `/api/v2/users/${rita.id}/tickets/requested`, {
        token: rita.token,
      });
      expect(requested.status).toBe(200);
      expect(requested.body.tickets).toEqual([
        expect.objectContaining({
          id: ticket,
          subject: 'Printer on fire',
          requester_id: rita.id,
          original_requester_id: rita.id,
        }),
      ]);
      const ccd = await api.request('GET', `/api/v2/users/${rita.id}/tickets/ccd`, {
        token: account.ownerToken,
      });
      expect(ccd.body.tickets).toEqual([]);
      expect(
        (
          await api.request('GET', `/api/v2/users/${rita.id}/tickets/requested`, {
            token: sam.token,
          })
        ).status,
      ).toBe(404);
      const other = await api.openAccount();
      expect(
        (
          await api.request('GET', `/api/v2/users/${other.ownerId}/tickets/requested`, {
            token: account.ownerToken,
          })
        ).status,
      ).toBe(404);
    });
  });
});
