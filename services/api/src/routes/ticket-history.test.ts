import { ticketDeskSuite } from './tickets.fixtures';

describe('a ticket’s history and replies, and a user’s tickets', () => {
  const desk = ticketDeskSuite();

  describe('GET /api/v2/tickets/{id}/audits and POST .../replies', () => {
    it('R1.3 lists the history oldest first, the requester change with who, when and why', async () => {
      const dana = await desk.api.addUser(desk.account, { name: 'Dana', email: 'dana2@acme.com' });
      const ticket = await desk.open({ requester_id: dana.id, comment: { body: 'Hello' } });
      const changed = await desk.put(ticket.id, { requester_id: desk.bob.id });
      const answer = await desk.api.request('GET', `/api/v2/tickets/${ticket.id}/audits.json`, {
        token: desk.agent.token,
      });
      expect(answer.status).toBe(200);
      const audits = answer.body.audits as Array<{
        author_id: string;
        metadata: { correlation_id: string; stream_revision: number };
        events: Array<{
          type: string;
          field_name?: string;
          value?: unknown;
          previous_value?: unknown;
        }>;
      }>;
      expect(audits.map((a) => a.metadata.stream_revision)).toEqual([0, 1, 2]);
      const change = audits[2]!;
      expect(change.author_id).toBe(desk.agent.id);
      expect(change.metadata.correlation_id).toBe(changed.headers.get('x-request-id'));
      expect(change.events).toContainEqual(
        expect.objectContaining({
          type: 'Change',
          field_name: 'requester_id',
          previous_value: dana.id,
          value: desk.bob.id,
        }),
      );
      const paged = await desk.api.request(
        'GET',
        `/api/v2/tickets/${ticket.id}/audits?page[size]=2`,
        {
          token: desk.agent.token,
        },
      );
      expect(paged.body.audits).toHaveLength(2);
      expect(paged.body.meta.has_more).toBe(true);
      const next = new URL(paged.body.links.next);
      const rest = await desk.api.request('GET', `${next.pathname}${next.search}`, {
        token: desk.agent.token,
      });
      expect(
        rest.body.audits.map(
          (a: { metadata: { stream_revision: number } }) => a.metadata.stream_revision,
        ),
      ).toEqual([2]);
    });

    it('end users read and reply on their own tickets only; replies are public for them', async () => {
      const ticket = await desk.open();
      const mine = await desk.api.request('POST', `/api/v2/tickets/${ticket.id}/replies`, {
        token: desk.ann.token,
        body: { reply: { body: 'Thanks', public: false } },
      });
      expect(mine.status).toBe(201);
      expect(mine.body.comment).toMatchObject({
        author_id: desk.ann.id,
        body: 'Thanks',
        public: true,
      });
      expect(mine.body.ticket.version).toBe(ticket.version + 1);
      const note = await desk.api.request('POST', `/api/v2/tickets/${ticket.id}/replies`, {
        token: desk.agent.token,
        body: { reply: { body: 'internal', public: false } },
      });
      expect(note.body.comment.public).toBe(false);
      await desk.expectRefused(
        () =>
          desk.api.request('POST', `/api/v2/tickets/${ticket.id}/replies`, {
            token: desk.bob.token,
            body: { reply: { body: 'Me too' } },
          }),
        404,
      );
      await desk.expectRefused(
        () =>
          desk.api.request('GET', `/api/v2/tickets/${ticket.id}/audits`, { token: desk.bob.token }),
        404,
      );
      await desk.expectRefused(
        () =>
          desk.api.request('POST', `/api/v2/tickets/${ticket.id}/replies`, {
            token: desk.agent.token,
            body: { reply: { public: true } },
          }),
        400,
        { path: 'reply.body' },
      );
      await desk.put(ticket.id, { status: 'closed' });
      await desk.expectRefused(
        () =>
          desk.api.request('POST', `/api/v2/tickets/${ticket.id}/replies`, {
            token: desk.agent.token,
            body: { reply: { body: 'Late' } },
          }),
        422,
        { path: 'reply', rule: 'R1.5' },
      );
    });
  });

  it('GET /api/v2/users/{id}/tickets/requested and ccd list a user’s tickets', async () => {
    const dan = await desk.api.addUser(desk.account, { name: 'Dan', email: 'dan@acme.com' });
    const ticket = await desk.open({ requester_id: dan.id, email_ccs: [{ user_id: desk.bob.id }] });
    await desk.api.settled();
    const requested = await desk.api.request('GET', `/api/v2/users/${dan.id}/tickets/requested`, {
      token: dan.token,
    });
    expect(requested.body.tickets.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    const ccd = await desk.api.request('GET', `/api/v2/users/${desk.bob.id}/tickets/ccd`, {
      token: desk.agent.token,
    });
    expect(ccd.body.tickets.map((t: { id: string }) => t.id)).toContain(ticket.id);
  });
});
