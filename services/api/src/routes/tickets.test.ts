import { ticketDeskSuite } from './tickets.fixtures';

describe('the tickets routes: open, read, change', () => {
  const desk = ticketDeskSuite();

  describe('POST /api/v2/tickets', () => {
    it('opens a ticket with its first comment and CCs, answering with it and its ETag', async () => {
      const answer = await desk.post({
        subject: 'Printer',
        requester_id: desk.ann.id,
        comment: { body: 'It jams', public: false },
        email_ccs: [{ user_id: desk.bob.id }],
      });
      expect(answer.status).toBe(201);
      expect(answer.body.ticket).toMatchObject({
        subject: 'Printer',
        status: 'new',
        archived: false,
        requester_id: desk.ann.id,
        original_requester_id: desk.ann.id,
        submitter_id: desk.agent.id,
        collaborator_ids: [desk.bob.id],
        via: { channel: 'api' },
        version: 1,
      });
      expect(answer.headers.get('etag')).toBe('"1"');
      const stream = await desk.api.store.readStream(`ticket-${answer.body.ticket.id}`)();
      expect(stream._tag === 'Right' && stream.right.map((e) => e.type)).toEqual([
        'TicketCreated',
        'CommentAdded',
      ]);
    });

    it('R1.2 R5.1 a new person as requester and an unknown CC address become users first', async () => {
      const answer = await desk.post({
        comment: { body: 'My screen is dark\nsince this morning' },
        requester: { name: 'Carl', email: 'carl@new.example' },
        email_ccs: [{ user_email: 'dora@new.example', user_name: 'Dora' }],
      });
      expect(answer.status).toBe(201);
      expect(answer.body.ticket.subject).toBe('My screen is dark');
      const users = await desk.api.request(
        'GET',
        `/api/v2/users/${answer.body.ticket.requester_id}`,
        {
          token: desk.agent.token,
        },
      );
      expect(users.body.user).toMatchObject({ name: 'Carl', email: 'carl@new.example' });
      const again = await desk.post({ subject: 'Again', requester: { email: 'CARL@new.example' } });
      expect(again.body.ticket.requester_id).toBe(answer.body.ticket.requester_id);
    });

    it('R2.5 through the API a foreign organization gives the default; R2.4 on the web it is refused', async () => {
      const north = await desk.organization('North');
      const foreign = await desk.organization('Foreign');
      await desk.api.request('POST', '/api/v2/organization_memberships', {
        token: desk.account.ownerToken,
        body: { organization_membership: { user_id: desk.ann.id, organization_id: north } },
      });
      const viaApi = await desk.post({
        subject: 'x',
        requester_id: desk.ann.id,
        organization_id: foreign,
      });
      expect(viaApi.body.ticket.organization_id).toBe(north);
      await desk.expectRefused(
        () =>
          desk.post({
            subject: 'x',
            requester_id: desk.ann.id,
            organization_id: foreign,
            via: { channel: 'web' },
          }),
        422,
        { path: 'ticket.organization_id', rule: 'R2.4' },
      );
      const viaWeb = await desk.post({
        subject: 'x',
        requester_id: desk.ann.id,
        organization_id: north,
        via: { channel: 'web' },
      });
      expect(viaWeb.body.ticket).toMatchObject({ organization_id: north, via: { channel: 'web' } });
    });

    it('refuses what it cannot accept, appending nothing', async () => {
      await desk.expectRefused(
        () => desk.post({ subject: 'x', requester_id: desk.ann.id }, ''),
        401,
      );
      await desk.expectRefused(
        () => desk.post({ subject: 'x', requester_id: desk.ann.id }, desk.ann.token),
        403,
      );
      await desk.expectRefused(() => desk.post({ subject: 'x', requester_id: 'nope' }), 400, {
        path: 'ticket.requester_id',
      });
      await desk.expectRefused(() => desk.post({ subject: 'x' }), 400, {
        path: 'ticket.requester_id',
      });
      await desk.expectRefused(
        () =>
          desk.post({ subject: 'x', requester_id: desk.ann.id, requester: { email: 'a@b.co' } }),
        400,
        { path: 'ticket.requester' },
      );
      await desk.expectRefused(() => desk.post({ requester_id: desk.ann.id }), 400, {
        path: 'ticket.subject',
      });
      await desk.expectRefused(
        () => desk.post({ subject: 'x', requester_id: desk.ann.id, status: 'lost' }),
        400,
        {
          path: 'ticket.status',
        },
      );
      const stranger = await desk.api.openAccount('team', 'Other');
      await desk.expectRefused(
        () => desk.post({ subject: 'x', requester_id: stranger.ownerId }),
        404,
      );
    });

    it('R3.5 a merged user cannot be a requester (422 with the rule)', async () => {
      const dup = await desk.api.addUser(desk.account, {
        name: 'Dup',
        email: desk.fresh('dup') + '@acme.com',
      });
      const keep = await desk.api.addUser(desk.account, {
        name: 'Keep',
        email: desk.fresh('keep') + '@acme.com',
      });
      await desk.api.request('PUT', `/api/v2/users/${dup.id}/merge`, {
        token: desk.agent.token,
        body: { user: { id: keep.id } },
      });
      await desk.api.settled();
      await desk.expectRefused(() => desk.post({ subject: 'x', requester_id: dup.id }), 422, {
        path: 'ticket.requester_id',
        rule: 'R3.5',
      });
    });
  });

  describe('GET /api/v2/tickets/{id}', () => {
    it('shows the fields of desk.api.md with the ETag; end users see only their own', async () => {
      const ticket = await desk.open();
      await desk.api.settled();
      const answer = await desk.api.request('GET', `/api/v2/tickets/${ticket.id}`, {
        token: desk.ann.token,
      });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body.ticket).sort()).toEqual(
        [
          'id',
          'subject',
          'status',
          'archived',
          'requester_id',
          'original_requester_id',
          'organization_id',
          'submitter_id',
          'collaborator_ids',
          'via',
          'version',
          'created_at',
          'updated_at',
        ].sort(),
      );
      expect(answer.headers.get('etag')).toBe(`"${answer.body.ticket.version}"`);
      const other = await desk.api.request('GET', `/api/v2/tickets/${ticket.id}`, {
        token: desk.bob.token,
      });
      expect(other.status).toBe(404);
      const stranger = await desk.api.openAccount('team', 'Elsewhere');
      const crossing = await desk.api.request('GET', `/api/v2/tickets/${ticket.id}`, {
        token: stranger.ownerToken,
      });
      expect(crossing.status).toBe(404);
    });
  });

  describe('PUT /api/v2/tickets/{id}', () => {
    it('R1.1 R1.3 R1.6 changes the requester: RequesterChanged, the original stays, the organization follows', async () => {
      const dana = await desk.api.addUser(desk.account, { name: 'Dana', email: 'dana@acme.com' });
      const ticket = await desk.open({ requester_id: dana.id });
      const answer = await desk.put(ticket.id, { requester_id: desk.bob.id });
      expect(answer.status).toBe(200);
      expect(answer.body.ticket).toMatchObject({
        requester_id: desk.bob.id,
        original_requester_id: dana.id,
        organization_id: null,
        version: ticket.version + 1,
      });
      expect(answer.headers.get('etag')).toBe(`"${ticket.version + 1}"`);
      const stream = await desk.api.store.readStream(`ticket-${ticket.id}`)();
      const last = stream._tag === 'Right' ? stream.right[stream.right.length - 1] : undefined;
      expect(last).toMatchObject({
        type: 'RequesterChanged',
        data: { previous_requester_id: dana.id, requester_id: desk.bob.id, reason: 'manual' },
        metadata: { correlation_id: answer.headers.get('x-request-id') },
      });
    });

    it('R1.2 a new person as requester is created, then becomes the requester', async () => {
      const ticket = await desk.open();
      const answer = await desk.put(ticket.id, {
        requester: { name: 'Eve', email: 'eve@new.example' },
      });
      expect(answer.status).toBe(200);
      const eve = await desk.api.request(
        'GET',
        `/api/v2/users/${answer.body.ticket.requester_id}`,
        {
          token: desk.agent.token,
        },
      );
      expect(eve.body.user).toMatchObject({ name: 'Eve', email: 'eve@new.example' });
    });

    it('changes status, subject, CCs and adds a comment in one write', async () => {
      const ticket = await desk.open();
      const answer = await desk.put(ticket.id, {
        subject: 'Renamed',
        status: 'pending',
        comment: { body: 'On it' },
        email_ccs: [{ user_email: 'bob@acme.com' }],
      });
      expect(answer.body.ticket).toMatchObject({
        subject: 'Renamed',
        status: 'pending',
        collaborator_ids: [desk.bob.id],
        version: ticket.version + 4,
      });
      const removed = await desk.put(ticket.id, {
        email_ccs: [{ user_id: desk.bob.id, action: 'delete' }],
      });
      expect(removed.body.ticket.collaborator_ids).toEqual([]);
    });

    it('If-Match: the current version goes through, a stale one is 412 and changes nothing', async () => {
      const ticket = await desk.open();
      const fresh = await desk.put(ticket.id, { status: 'open' }, desk.agent.token, {
        'If-Match': `"${ticket.version}"`,
      });
      expect(fresh.status).toBe(200);
      await desk.expectRefused(
        () =>
          desk.put(ticket.id, { status: 'pending' }, desk.agent.token, {
            'If-Match': `"${ticket.version}"`,
          }),
        412,
      );
    });

    it('R2.6 another of the requester’s organizations is accepted, a foreign one refused', async () => {
      const south = await desk.organization('South');
      const west = await desk.organization('West');
      const cleo = await desk.api.addUser(desk.account, {
        name: 'Cleo',
        organization_ids: [south, west],
      });
      const ticket = await desk.open({ requester_id: cleo.id });
      const moved = await desk.put(ticket.id, { organization_id: west });
      expect(moved.body.ticket.organization_id).toBe(west);
      const foreign = await desk.organization('Far');
      await desk.expectRefused(() => desk.put(ticket.id, { organization_id: foreign }), 422, {
        path: 'ticket.organization_id',
        rule: 'R2.6',
      });
    });

    it('R1.5 a closed ticket is read-only', async () => {
      const ticket = await desk.open();
      await desk.put(ticket.id, { status: 'closed' });
      await desk.expectRefused(() => desk.put(ticket.id, { requester_id: desk.bob.id }), 422, {
        path: 'ticket',
        rule: 'R1.5',
      });
    });

    it('refuses end users (403), strangers (404) and bad values (400), appending nothing', async () => {
      const ticket = await desk.open();
      await desk.expectRefused(() => desk.put(ticket.id, { status: 'open' }, desk.ann.token), 403);
      const stranger = await desk.api.openAccount('team', 'Third');
      await desk.expectRefused(
        () => desk.put(ticket.id, { status: 'open' }, stranger.ownerToken),
        404,
      );
      await desk.expectRefused(() => desk.put(ticket.id, { status: 'closedish' }), 400, {
        path: 'ticket.status',
      });
      await desk.expectRefused(
        () => desk.put(ticket.id, { email_ccs: [{ user_email: 'not an address' }] }),
        400,
      );
      await desk.expectRefused(() => desk.put(ticket.id, { requester_id: stranger.ownerId }), 404);
    });
  });
});
