import { portalDeskSuite } from './portal.fixtures';

const desk = portalDeskSuite();

type Session = Awaited<ReturnType<typeof desk.withPassword>>;

/**
 * Acme's primary contact Ann, her colleague Bob who is not one, and Carl of Globex, each signed in
 * to the portal; a ticket requested by each.
 */
const scene = async () => {
  const { api, account } = desk;
  const organization = async (name: string) =>
    (
      await api.request('POST', '/api/v2/organizations', {
        token: account.ownerToken,
        body: { organization: { name: desk.fresh(name) } },
      })
    ).body.organization.id as string;
  const acme = await organization('Acme');
  const globex = await organization('Globex');
  const member = async (user: Session, organizationId: string, primaryContact: boolean) => {
    const joined = await api.request('POST', '/api/v2/organization_memberships', {
      token: account.ownerToken,
      body: {
        organization_membership: {
          user_id: user.id,
          organization_id: organizationId,
          primary_contact: primaryContact,
        },
      },
    });
    if (joined.status !== 201) throw new Error(`not joined: ${joined.text}`);
  };
  const ann = await desk.withPassword('ann password');
  const bob = await desk.withPassword('bob password');
  const carl = await desk.withPassword('carl password');
  await member(ann, acme, true);
  await member(bob, acme, false);
  await member(carl, globex, false);
  const tickets = {
    ann: await api.openTicket(account, ann.id, 'Ann’s printer'),
    bob: await api.openTicket(account, bob.id, 'Bob’s laptop'),
    carl: await api.openTicket(account, carl.id, 'Carl’s phone'),
  };
  return { acme, globex, ann, bob, carl, tickets };
};

const listed = async (session: string): Promise<string[]> => {
  const answer = await desk.api.request('GET', '/api/v2/requests', { token: session });
  if (answer.status !== 200) throw new Error(`not listed: ${answer.text}`);
  return answer.body.requests.map((r: { id: string }) => r.id);
};

const status = async (session: string, id: string) =>
  (await desk.api.request('GET', `/api/v2/requests/${id}`, { token: session })).status;

describe('R6.9 in the portal an end user sees their own tickets', () => {
  it('lists the tickets they request, and not a colleague’s or a stranger’s', async () => {
    const { bob, carl, tickets } = await scene();
    expect(await listed(bob.session)).toEqual([tickets.bob]);
    expect(await listed(carl.session)).toEqual([tickets.carl]);
    expect(await status(bob.session, tickets.bob)).toBe(200);
  });

  it('finds no other ticket: a colleague’s, another organization’s, an unknown or another account’s (404)', async () => {
    const { api } = desk;
    const { ann, bob, carl, tickets } = await scene();
    const other = await api.openAccount('team', 'Other Co');
    const theirs = await api.openTicket(other, other.ownerId, 'Elsewhere');
    expect(await status(bob.session, tickets.ann)).toBe(404);
    expect(await status(carl.session, tickets.bob)).toBe(404);
    expect(await status(ann.session, tickets.carl)).toBe(404);
    expect(await status(ann.session, '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await status(ann.session, theirs)).toBe(404);
  });
});

describe('R6.9 a primary contact also sees all tickets of that organization', () => {
  it('lists their own and their colleagues’ tickets of the organization, not another’s', async () => {
    const { ann, tickets } = await scene();
    expect(await listed(ann.session)).toEqual([tickets.ann, tickets.bob]);
    expect(await status(ann.session, tickets.bob)).toBe(200);
  });

  it('stops seeing them once no longer a member', async () => {
    const { api, account } = desk;
    const { ann, tickets } = await scene();
    const memberships = await api.request(
      'GET',
      `/api/v2/users/${ann.id}/organization_memberships`,
      {
        token: account.ownerToken,
      },
    );
    const [membership] = memberships.body.organization_memberships;
    const removed = await api.request(
      'DELETE',
      `/api/v2/organization_memberships/${membership.id}`,
      {
        token: account.ownerToken,
      },
    );
    expect(removed.status).toBe(204);
    expect(await status(ann.session, tickets.bob)).toBe(404);
    expect(await listed(ann.session)).toEqual([tickets.ann]);
  });
});

describe('POST /api/v2/requests: a ticket from the portal, requested by the caller', () => {
  it('R2.4 gets their default organization, comes through the portal, and is listed', async () => {
    const { acme, ann } = await scene();
    const answer = await desk.api.request('POST', '/api/v2/requests', {
      token: ann.session,
      body: { request: { subject: 'Scanner jammed', comment: { body: 'Paper stuck again' } } },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.request).toMatchObject({
      subject: 'Scanner jammed',
      requester_id: ann.id,
      organization_id: acme,
      status: 'new',
      via: { channel: 'portal' },
    });
    expect(answer.headers.get('etag')).toBe('"1"');
    await desk.api.settled(); // lists read the read model, which may lag a moment (api.md)
    expect(await listed(ann.session)).toContain(answer.body.request.id);
  });

  it('R2.4 refuses an organization that is not theirs, and appends nothing', async () => {
    const { globex, ann } = await scene();
    const before = await desk.api.eventCount();
    const answer = await desk.api.request('POST', '/api/v2/requests', {
      token: ann.session,
      body: {
        request: { subject: 'Elsewhere', comment: { body: 'Hi' }, organization_id: globex },
      },
    });
    expect([answer.status, answer.body.details['request.organization_id'][0].rule]).toEqual([
      422,
      'R2.4',
    ]);
    expect(await desk.api.eventCount()).toBe(before);
  });

  it('refuses a request without a comment (400), appending nothing', async () => {
    const { api } = desk;
    const ann = await desk.withPassword('ann password');
    const before = await api.eventCount();
    const noComment = await api.request('POST', '/api/v2/requests', {
      token: ann.session,
      body: { request: { subject: 'Nothing to say' } },
    });
    expect([noComment.status, Object.keys(noComment.body.details)]).toEqual([
      400,
      ['request.comment'],
    ]);
    expect(await api.eventCount()).toBe(before);
  });

  it('gives an agent, as Zendesk does, only the requests they made themselves', async () => {
    const { api, agent } = desk;
    const { tickets } = await scene();
    const made = await api.request('POST', '/api/v2/requests', {
      token: agent.token,
      body: { request: { subject: 'My own', comment: { body: 'For me' } } },
    });
    expect([made.status, made.body.request.requester_id]).toEqual([201, agent.id]);
    await api.settled();
    expect(await listed(agent.token)).toEqual([made.body.request.id]);
    expect(await status(agent.token, tickets.bob)).toBe(404);
  });
});
