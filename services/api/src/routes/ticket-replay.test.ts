import { ticketDeskSuite } from './tickets.fixtures';

interface ReplayedEvent {
  id: string;
  type: string;
  revision: number;
  global_position: number;
  occurred_at: string;
  actor: { type: string; id: string | null };
  via: { channel: string; rel: string | null };
  correlation_id: string;
  causation_id: string | null;
  data: Record<string, unknown>;
}

describe('GET /api/v2/tickets/{id}/replay: a ticket folded straight from its events', () => {
  const desk = ticketDeskSuite();
  const replay = (id: string, query = '', token = desk.agent.token) =>
    desk.api.request('GET', `/api/v2/tickets/${id}/replay${query}`, { token });

  it('R1.3 at the head equals GET /tickets/{id}; as of revision 0 shows the original requester alone', async () => {
    const ticket = await desk.open({ comment: { body: 'It smokes' } });
    const changed = await desk.put(ticket.id, { requester_id: desk.bob.id });
    await desk.put(ticket.id, { status: 'open' });
    // the read model may lag the log a moment (api.md): compared once it has caught up
    await desk.api.settled();
    const now = await desk.api.request('GET', `/api/v2/tickets/${ticket.id}`, {
      token: desk.agent.token,
    });

    const head = await replay(ticket.id);
    expect(head.status).toBe(200);
    expect(head.body.ticket).toEqual({ ...now.body.ticket, tags: [] });
    const events = head.body.events as ReplayedEvent[];
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(head.body.as_of).toEqual({
      revision: now.body.ticket.version,
      time: now.body.ticket.updated_at,
    });
    const change = events.find((e) => e.type === 'RequesterChanged')!;
    expect(change).toMatchObject({
      actor: { type: 'user', id: desk.agent.id },
      via: { channel: 'api', rel: null },
      correlation_id: changed.headers.get('x-request-id'),
      data: { previous_requester_id: desk.ann.id, requester_id: desk.bob.id, reason: 'manual' },
    });
    expect(events.map((e) => e.global_position)).toEqual(
      [...events.map((e) => e.global_position)].sort((a, b) => a - b),
    );

    const first = await replay(ticket.id, '?as_of=0');
    expect(first.body.ticket).toMatchObject({
      requester_id: desk.ann.id,
      original_requester_id: desk.ann.id,
      status: 'new',
      version: 0,
      updated_at: now.body.ticket.created_at,
    });
    expect(first.body.events.map((e: ReplayedEvent) => e.type)).toEqual(['TicketCreated']);
    expect(first.body.as_of).toEqual({ revision: 0, time: now.body.ticket.created_at });
    const before = await replay(ticket.id, `?as_of=${change.revision - 1}`);
    const after = await replay(ticket.id, `?as_of=${change.revision}`);
    expect([before.body.ticket.requester_id, after.body.ticket.requester_id]).toEqual([
      desk.ann.id,
      desk.bob.id,
    ]);
  });

  it('as of a time, folds the events that happened by then; before the first, there is no ticket yet', async () => {
    const ticket = await desk.open();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await desk.put(ticket.id, { status: 'pending' });
    const events = (await replay(ticket.id)).body.events as ReplayedEvent[];
    const created = events[0]!.occurred_at;

    const atCreation = await replay(ticket.id, `.json?as_of=${created}`);
    expect(atCreation.status).toBe(200);
    expect(atCreation.body.ticket.status).toBe('new');
    expect(atCreation.body.as_of.time).toBe(created);
    const earlier = new Date(Date.parse(created) - 1).toISOString();
    expect((await replay(ticket.id, `?as_of=${earlier}`)).body).toEqual({
      ticket: null,
      events: [],
      as_of: { revision: null, time: null },
    });
    const later = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await replay(ticket.id, `?as_of=${later}`)).body.ticket.status).toBe('pending');
  });

  it('refuses a bad as_of, and a revision past the head, with 400 naming as_of', async () => {
    const ticket = await desk.open();
    for (const asOf of ['yesterday', '-1', '2024-03-01', '1.5', '99'])
      await desk.expectRefused(() => replay(ticket.id, `?as_of=${asOf}`), 400, { path: 'as_of' });
    const twice = await replay(ticket.id, '?as_of=0&as_of=1');
    expect([twice.status, Object.keys(twice.body.details)]).toEqual([400, ['as_of']]);
  });

  it('is for whoever may read the ticket now: its requester (without private comments’ text), not another end user; unknown ids are 404', async () => {
    const ticket = await desk.open({ comment: { body: 'Printer on fire' } });
    await desk.put(ticket.id, { comment: { body: 'Customer is a VIP', public: false } });
    const mine = await replay(ticket.id, '', desk.ann.token);
    expect(mine.status).toBe(200);
    const comments = (mine.body.events as ReplayedEvent[]).filter((e) => e.type === 'CommentAdded');
    expect(comments.map((c) => [c.data['public'], c.data['body']])).toEqual([
      [true, 'Printer on fire'],
      [false, undefined],
    ]);
    const agents = (await replay(ticket.id)).body.events as ReplayedEvent[];
    expect(agents.filter((e) => e.type === 'CommentAdded').map((c) => c.data['body'])).toEqual([
      'Printer on fire',
      'Customer is a VIP',
    ]);
    await desk.expectRefused(() => replay(ticket.id, '', desk.bob.token), 404);
    // R1.1: once the ticket is Bob's, it is his to replay, history included, and no longer Ann's
    await desk.put(ticket.id, { requester_id: desk.bob.id });
    expect((await replay(ticket.id, '?as_of=0', desk.bob.token)).status).toBe(200);
    await desk.expectRefused(() => replay(ticket.id, '?as_of=0', desk.ann.token), 404);
    await desk.expectRefused(() => replay('00000000-0000-4000-8000-0000000000ff'), 404);
    await desk.expectRefused(
      () => replay('00000000-0000-4000-8000-0000000000ff', '?as_of=99'),
      404,
    );
  });
});
