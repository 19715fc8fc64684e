import * as E from 'fp-ts/Either';
import { streams } from '@helpdesk/events';
import { holderOfEmail } from './ticket-people';
import { openTicket } from './open-ticket';
import { replyToTicket } from './ticket-replies';
import { updateTicket } from './update-ticket';
import { createOrganization } from './organizations';
import { addMembership } from './user-memberships';
import { updateAccount } from './account-changes';
import { failure, forbidden, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

const typesOf = (result: { ticket: { events: ReadonlyArray<{ type: string }> } }) =>
  result.ticket.events.map((e) => e.type);

const deskWithTeam = async () => {
  const desk = await openDesk('enterprise');
  const agentId = await desk.addUser('Al', 'agent', 'al@acme.com');
  const agent = desk.callerAs(agentId, 'agent');
  const ann = await desk.addUser('Ann', 'end-user', 'ann@acme.com');
  const bob = await desk.addUser('Bob', 'end-user', 'bob@acme.com');
  return { ...desk, agent, agentId, ann, bob };
};

describe('openTicket', () => {
  it('R1.2 R5.1 a new person as requester is created first, then the ticket: both facts recorded', async () => {
    const desk = await deskWithTeam();
    const opened = await run(
      openTicket(desk.deps, desk.agent, {
        subject: 'Printer',
        requester: { kind: 'person', name: 'Carl', email: 'carl@new.example' },
        comment: { body: 'It jams', public: true },
        channel: 'api',
      }),
    );
    expect(opened.createdUsers).toHaveLength(1);
    const carl = opened.createdUsers[0]!.state;
    expect(carl.exists && carl.profile.name).toBe('Carl');
    expect(typesOf(opened)).toEqual(['TicketCreated', 'CommentAdded']);
    expect(opened.ticket.state).toMatchObject({
      requesterId: carl.exists && carl.id,
      status: 'new',
    });
    const holder = await run(holderOfEmail(desk.deps, desk.opened.accountId, 'CARL@new.example'));
    expect(holder).toBe(carl.exists && carl.id);
  });

  it('R1.2 an address a user already holds names that user: nobody is created', async () => {
    const desk = await deskWithTeam();
    const opened = await run(
      openTicket(desk.deps, desk.agent, {
        subject: 'Again',
        requester: { kind: 'person', email: 'Ann@acme.com' },
        ccs: [
          { kind: 'user', userId: desk.bob },
          { kind: 'person', email: 'dora@new.example' },
        ],
        channel: 'api',
      }),
    );
    expect(opened.ticket.state).toMatchObject({ requesterId: desk.ann });
    expect(opened.createdUsers).toHaveLength(1);
    const dora = opened.createdUsers[0]!.state;
    expect(opened.ticket.state.exists && opened.ticket.state.collaboratorIds).toEqual([
      desk.bob,
      dora.exists && dora.id,
    ]);
  });

  it('R2.4 on the web channel a foreign organization is refused, and no user is created', async () => {
    const desk = await deskWithTeam();
    const before = desk.appends.length;
    const error = await failure(
      openTicket(desk.deps, desk.agent, {
        subject: 'Web',
        requester: { kind: 'person', email: 'eve@new.example' },
        organizationId: desk.opened.defaultOrganizationId,
        channel: 'web',
      }),
    );
    expect(error).toEqual(refusedWith('R2.4'));
    expect(desk.appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });

  it('R2.5 through the API a foreign organization falls back to the default, without error', async () => {
    const desk = await deskWithTeam();
    const opened = await run(
      openTicket(desk.deps, desk.agent, {
        subject: 'API',
        requester: { kind: 'user', userId: desk.ann },
        organizationId: desk.opened.defaultOrganizationId,
        channel: 'api',
      }),
    );
    expect(opened.ticket.state).toMatchObject({ organizationId: null, channel: 'api' });
  });
});

describe('updateTicket', () => {
  const ticketOf = async (desk: Awaited<ReturnType<typeof deskWithTeam>>) => {
    const opened = await run(
      openTicket(desk.deps, desk.agent, {
        subject: 'Help',
        requester: { kind: 'user', userId: desk.ann },
        channel: 'api',
      }),
    );
    return opened.ticket.state.exists ? opened.ticket.state.id : '';
  };

  it('R1.1 R1.3 an agent changes the requester; the original stays', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    const updated = await run(
      updateTicket(desk.deps, desk.agent, ticketId, {
        requester: { kind: 'user', userId: desk.bob },
      }),
    );
    expect(typesOf(updated)).toEqual(['RequesterChanged']);
    expect(updated.ticket.state).toMatchObject({
      requesterId: desk.bob,
      originalRequesterId: desk.ann,
    });
  });

  it('R1.2 a new person as requester is created, then the requester changes', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    const updated = await run(
      updateTicket(desk.deps, desk.agent, ticketId, {
        requester: { kind: 'person', name: 'Fay', email: 'fay@new.example' },
      }),
    );
    const fay = updated.createdUsers[0]!.state;
    expect(updated.ticket.state).toMatchObject({ requesterId: fay.exists && fay.id });
  });

  it('R1.5 a refused change (closed ticket) creates no user and appends nothing', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    await run(updateTicket(desk.deps, desk.agent, ticketId, { status: 'closed' }));
    const before = desk.appends.length;
    const error = await failure(
      updateTicket(desk.deps, desk.agent, ticketId, {
        requester: { kind: 'person', email: 'gus@new.example' },
      }),
    );
    expect(error).toEqual(refusedWith('R1.5'));
    expect(desk.appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });

  it('R2.6 moves the ticket to another organization of its requester, refuses a foreign one', async () => {
    const desk = await deskWithTeam();
    const org = async (name: string) => {
      const created = await run(createOrganization(desk.deps, desk.owner, { name }));
      return created.state?.id ?? '';
    };
    await run(updateAccount(desk.deps, desk.owner, { settings: { multipleOrganizations: true } }));
    const north = await org('North');
    const south = await org('South');
    const other = await org('Other');
    for (const organizationId of [north, south])
      await run(addMembership(desk.deps, desk.owner, { userId: desk.ann, organizationId }));
    const ticketId = await ticketOf(desk);
    const moved = await run(
      updateTicket(desk.deps, desk.agent, ticketId, { organizationId: south }),
    );
    expect(moved.ticket.state).toMatchObject({ organizationId: south });
    expect(
      await failure(updateTicket(desk.deps, desk.agent, ticketId, { organizationId: other })),
    ).toEqual(refusedWith('R2.6'));
  });

  it('changes several things in one append: CCs, a comment, then the status', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    const updated = await run(
      updateTicket(desk.deps, desk.agent, ticketId, {
        ccs: [{ person: { kind: 'user', userId: desk.bob }, action: 'put' }],
        comment: { body: 'Done', public: true },
        status: 'solved',
      }),
    );
    expect(typesOf(updated)).toEqual(['CollaboratorAdded', 'CommentAdded', 'TicketStatusChanged']);
    const removed = await run(
      updateTicket(desk.deps, desk.agent, ticketId, {
        ccs: [{ person: { kind: 'person', email: 'bob@acme.com' }, action: 'delete' }],
      }),
    );
    expect(typesOf(removed)).toEqual(['CollaboratorRemoved']);
  });

  it('a ticket of another account is not found, and nothing is appended', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    const stranger = { ...desk.agent, accountId: '00000000-0000-4000-8000-000000000001' };
    expect(await failure(updateTicket(desk.deps, stranger, ticketId, { status: 'open' }))).toEqual(
      notFound,
    );
  });

  it('R1.1 an end user cannot change the requester of their own ticket', async () => {
    const desk = await deskWithTeam();
    const ticketId = await ticketOf(desk);
    const ann = desk.callerAs(desk.ann, 'end-user');
    expect(
      await failure(
        updateTicket(desk.deps, ann, ticketId, { requester: { kind: 'user', userId: desk.bob } }),
      ),
    ).toEqual(forbidden);
  });
});

describe('replyToTicket', () => {
  it('adds a comment; an end user replies on their own tickets only, always in public', async () => {
    const desk = await deskWithTeam();
    const opened = await run(
      openTicket(desk.deps, desk.agent, {
        subject: 'Help',
        requester: { kind: 'user', userId: desk.ann },
        channel: 'api',
      }),
    );
    const ticketId = opened.ticket.state.exists ? opened.ticket.state.id : '';
    const ann = desk.callerAs(desk.ann, 'end-user');
    const replied = await run(
      replyToTicket(desk.deps, ann, ticketId, { body: 'Thanks', public: false }),
    );
    expect(replied.ticket.events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        author_id: desk.ann,
        public: true,
        comment_id: replied.comment.id,
      }),
    ]);
    const bob = desk.callerAs(desk.bob, 'end-user');
    expect(
      await failure(replyToTicket(desk.deps, bob, ticketId, { body: 'Hi', public: true })),
    ).toEqual(notFound);
    const read = await desk.deps.eventStore.readStream(streams.ticket(ticketId))();
    expect(E.isRight(read) && read.right.length).toBe(2);
  });
});
