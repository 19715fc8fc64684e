import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('organization memberships routes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const organization = async (account: OpenedAccount, name: string) =>
    (
      await api.request('POST', '/api/v2/organizations', {
        token: account.ownerToken,
        body: { organization: { name } },
      })
    ).body.organization.id as string;

  const join = (
    account: OpenedAccount,
    user_id: string,
    organization_id: string,
    extra = {},
    token = account.ownerToken,
  ) =>
    api.request('POST', '/api/v2/organization_memberships', {
      token,
      body: { organization_membership: { user_id, organization_id, ...extra } },
    });

  it('R2.1 with several organizations: join, make default, list, and leaving the default promotes another (R2.8)', async () => {
    const account = await api.openAccount('enterprise');
    await api.request('PUT', '/api/v2/account', {
      token: account.ownerToken,
      body: { account: { settings: { multiple_organizations: true } } },
    });
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    const acme = await organization(account, 'Acme');
    const globex = await organization(account, 'Globex');
    const first = await join(account, ann.id, acme, { primary_contact: true });
    expect(first.status).toBe(201);
    expect(first.body.organization_membership).toMatchObject({
      user_id: ann.id,
      organization_id: acme,
      default: true,
      primary_contact: true,
    });
    const second = await join(account, ann.id, globex);
    expect(second.body.organization_membership.default).toBe(false);

    const madeDefault = await api.request(
      'PUT',
      `/api/v2/users/${ann.id}/organization_memberships/${second.body.organization_membership.id}/make_default`,
      { token: account.ownerToken },
    );
    expect(madeDefault.status).toBe(200);
    expect(
      madeDefault.body.organization_memberships.map(
        (m: { organization_id: string; default: boolean }) => [m.organization_id, m.default],
      ),
    ).toEqual([
      [acme, false],
      [globex, true],
    ]);

    const left = await api.request(
      'DELETE',
      `/api/v2/organization_memberships/${second.body.organization_membership.id}`,
      { token: account.ownerToken },
    );
    expect(left.status).toBe(204);
    const mine = await api.request('GET', `/api/v2/users/${ann.id}/organization_memberships`, {
      token: ann.token,
    });
    expect(mine.body.organization_memberships).toEqual([
      expect.objectContaining({ organization_id: acme, default: true }),
    ]);
  });

  it('R2.1 on the Team plan a second organization is refused (422), appending nothing', async () => {
    const account = await api.openAccount('team');
    const bob = await api.addUser(account, { name: 'Bob', email: 'bob@acme.com' });
    await join(account, bob.id, await organization(account, 'One'));
    const two = await organization(account, 'Two');
    const before = await api.eventCount();
    const answer = await join(account, bob.id, two);
    expect(answer.status).toBe(422);
    expect(answer.body.details['organization_membership.organization_id'][0].rule).toBe('R2.1');
    expect(await api.eventCount()).toBe(before);
  });

  it('finds no organization, user or membership of another account (404)', async () => {
    const account = await api.openAccount();
    const other = await api.openAccount();
    const carl = await api.addUser(account, { name: 'Carl', email: 'carl@acme.com' });
    expect((await join(account, carl.id, other.defaultOrganizationId)).status).toBe(404);
    expect((await join(account, other.ownerId, account.defaultOrganizationId)).status).toBe(404);
    const theirs = await join(other, other.ownerId, other.defaultOrganizationId);
    expect(
      (
        await api.request(
          'DELETE',
          `/api/v2/organization_memberships/${theirs.body.organization_membership.id}`,
          {
            token: account.ownerToken,
          },
        )
      ).status,
    ).toBe(404);
  });

  it('is the team’s to change (403 for end users); end users read their own only', async () => {
    const account = await api.openAccount();
    const dee = await api.addUser(account, { name: 'Dee', email: 'dee@acme.com' });
    const eli = await api.addUser(account, { name: 'Eli', email: 'eli@acme.com' });
    expect((await join(account, dee.id, account.defaultOrganizationId, {}, dee.token)).status).toBe(
      403,
    );
    expect(
      (
        await api.request('GET', `/api/v2/users/${eli.id}/organization_memberships`, {
          token: dee.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('GET', `/api/v2/users/${dee.id}/organization_memberships`, {
          token: dee.token,
        })
      ).status,
    ).toBe(200);
  });
});
