import { updateAccount } from '../account-changes';
import { createOrganization } from '../organizations';
import { addMembership, makeDefaultMembership } from '../user-memberships';
import { updateTicket } from '../update-ticket';
import { holderOfEmail } from '../ticket-people';
import { failure, refusedWith, run } from '../use-case.fixtures';
import { deleteUser } from '../user-changes';
import { inboundDesk, mail, ticketOf, userOf } from './inbound-email.fixtures';

describe('R6.1 an unknown sender becomes an end user when the account says so', () => {
  it('creates the end user (source email), then the ticket they request (channel email)', async () => {
    const desk = await inboundDesk();
    const outcome = await run(desk.receive(mail()));
    expect(outcome.kind).toBe('ticket_created');
    const carl = userOf(outcome);
    expect(carl).toMatchObject({ role: 'end-user', status: 'active', source: 'email' });
    expect(carl.profile.name).toBe('Carl Client');
    expect(await run(holderOfEmail(desk.deps, desk.opened.accountId, 'CARL@initech.example'))).toBe(
      carl.id,
    );
    expect(ticketOf(outcome)).toMatchObject({
      requesterId: carl.id,
      submitterId: carl.id,
      channel: 'email',
      subject: 'The printer jams',
    });
    expect(
      outcome.ticket.events.map((e) => [e.type, (e.metadata as { via: unknown }).via]),
    ).toEqual([
      ['TicketCreated', { channel: 'email', rel: null }],
      ['CommentAdded', { channel: 'email', rel: null }],
    ]);
    expect(outcome.ticket.events[1]!.data).toMatchObject({
      author_id: carl.id,
      body: 'Every morning, on page 2.',
      public: true,
    });
  });

  it('names the new user after the address when the mail gives no name', async () => {
    const desk = await inboundDesk();
    const outcome = await run(
      desk.receive(mail({ from: { address: 'dora@x.example', name: null } })),
    );
    expect(userOf(outcome).profile.name).toBe('dora');
  });

  it('refuses mail from an unknown sender when the setting is off, and appends nothing', async () => {
    const desk = await inboundDesk('enterprise', false);
    const before = await desk.eventCount();
    expect(await failure(desk.receive(mail()))).toEqual(refusedWith('R6.1'));
    expect(await desk.eventCount()).toBe(before);
  });

  it('R6.3 a known sender is found by their email identity, whatever the setting: nobody is created', async () => {
    const desk = await inboundDesk('enterprise', false);
    const ann = await desk.addUser('Ann', 'end-user', 'ann@acme.com');
    const outcome = await run(desk.receive(mail({ from: { address: 'ANN@acme.com', name: 'A' } })));
    expect(outcome).toMatchObject({ kind: 'ticket_created', createdUser: null });
    expect(ticketOf(outcome).requesterId).toBe(ann);
  });
});

describe('R6.4 an automatically created user joins the organization of their domain', () => {
  const withDomains = async (plan: 'team' | 'enterprise') => {
    const desk = await inboundDesk(plan);
    const created = await run(
      createOrganization(desk.deps, desk.owner, {
        name: 'Initech',
        domainNames: ['initech.example'],
      }),
    );
    if (created.state === null) throw new Error('no organization');
    return { ...desk, initech: created.state.id };
  };

  it('on the Enterprise plan, the organization listing the domain; the ticket gets it (R2.3)', async () => {
    const desk = await withDomains('enterprise');
    const outcome = await run(desk.receive(mail()));
    expect(userOf(outcome)).toMatchObject({ defaultOrganizationId: desk.initech });
    expect(ticketOf(outcome).organizationId).toBe(desk.initech);
  });

  it('on the Enterprise plan, an unlisted domain joins the default organization', async () => {
    const desk = await withDomains('enterprise');
    const outcome = await run(
      desk.receive(mail({ from: { address: 'eve@other.example', name: null } })),
    );
    expect(userOf(outcome).defaultOrganizationId).toBe(desk.opened.defaultOrganizationId);
    expect(ticketOf(outcome).organizationId).toBe(desk.opened.defaultOrganizationId);
  });

  it('on the Team plan, the default organization even for a listed domain', async () => {
    const desk = await withDomains('team');
    const outcome = await run(desk.receive(mail()));
    expect(userOf(outcome).defaultOrganizationId).toBe(desk.opened.defaultOrganizationId);
    expect(ticketOf(outcome).organizationId).toBe(desk.opened.defaultOrganizationId);
  });
});

describe('R2.3 a ticket from email gets its requester’s default organization', () => {
  it('the default of a requester in several organizations, not the first joined', async () => {
    const desk = await inboundDesk('enterprise');
    await run(updateAccount(desk.deps, desk.owner, { settings: { multipleOrganizations: true } }));
    const ann = await desk.addUser('Ann', 'end-user', 'ann@acme.com');
    const other = await run(createOrganization(desk.deps, desk.owner, { name: 'Other' }));
    const otherId = other.state!.id;
    await run(
      addMembership(desk.deps, desk.owner, {
        userId: ann,
        organizationId: desk.opened.defaultOrganizationId,
      }),
    );
    const joined = await run(
      addMembership(desk.deps, desk.owner, { userId: ann, organizationId: otherId }),
    );
    await run(makeDefaultMembership(desk.deps, desk.owner, ann, joined.membershipId));
    const outcome = await run(
      desk.receive(mail({ from: { address: 'ann@acme.com', name: null } })),
    );
    expect(ticketOf(outcome).organizationId).toBe(otherId);
  });
});

describe('a reply to a known ticket becomes a comment on it', () => {
  const withTicket = async () => {
    const desk = await inboundDesk();
    const first = await run(desk.receive(mail()));
    return { ...desk, first, ticketId: ticketOf(first).id, carl: userOf(first).id };
  };

  it('In-Reply-To naming the ticket’s message: a public comment by the sender', async () => {
    const desk = await withTicket();
    const reply = await run(
      desk.receive(
        mail({
          messageId: '<m2@initech.example>',
          subject: 'Re: jams',
          text: 'Still jams.',
          inReplyTo: ['m1@initech.example'],
        }),
      ),
    );
    expect(reply.kind).toBe('comment_added');
    expect(ticketOf(reply).id).toBe(desk.ticketId);
    expect(reply.ticket.events.map((e) => [e.type, e.data])).toEqual([
      [
        'CommentAdded',
        expect.objectContaining({ author_id: desk.carl, body: 'Still jams.', public: true }),
      ],
    ]);
    const again = await run(
      desk.receive(
        mail({
          messageId: 'm2@initech.example',
          subject: 'Re: jams',
          text: 'Still jams.',
          inReplyTo: ['m1@initech.example'],
        }),
      ),
    );
    expect(again.kind).toBe('already_received');
  });

  it('References naming a later reply of the thread find the ticket too', async () => {
    const desk = await withTicket();
    await run(
      desk.receive(mail({ messageId: 'm2@initech.example', inReplyTo: ['m1@initech.example'] })),
    );
    const third = await run(
      desk.receive(
        mail({
          messageId: 'm3@initech.example',
          references: ['unknown@elsewhere.example', 'm2@initech.example'],
        }),
      ),
    );
    expect(third.kind).toBe('comment_added');
    expect(ticketOf(third).id).toBe(desk.ticketId);
  });

  it('a reply from someone not on the ticket opens a ticket of their own', async () => {
    const desk = await withTicket();
    const stranger = await run(
      desk.receive(
        mail({
          from: { address: 'eve@other.example', name: null },
          messageId: 'e1@other.example',
          inReplyTo: ['m1@initech.example'],
        }),
      ),
    );
    expect(stranger.kind).toBe('ticket_created');
    expect(ticketOf(stranger).id).not.toBe(desk.ticketId);
  });

  it('R1.5 a reply to a closed ticket opens a new ticket', async () => {
    const desk = await withTicket();
    await run(updateTicket(desk.deps, desk.owner, desk.ticketId, { status: 'closed' }));
    const reply = await run(
      desk.receive(mail({ messageId: 'm2@initech.example', inReplyTo: ['m1@initech.example'] })),
    );
    expect(reply.kind).toBe('ticket_created');
    expect(ticketOf(reply).id).not.toBe(desk.ticketId);
  });

  it('the team replies by email too: an agent’s mail is a public comment by the agent', async () => {
    const desk = await withTicket();
    const agent = await desk.addUser('Al', 'agent', 'al@acme.com');
    const reply = await run(
      desk.receive(
        mail({
          from: { address: 'al@acme.com', name: 'Al' },
          messageId: 'a1@acme.com',
          inReplyTo: ['m1@initech.example'],
        }),
      ),
    );
    expect(reply.kind).toBe('comment_added');
    expect(reply.ticket.events[0]!.data).toMatchObject({ author_id: agent, public: true });
  });
});

describe('senders who are not active (settled in resolveSender)', () => {
  it('a deleted user’s address was released: their mail is from an unknown sender again', async () => {
    const desk = await inboundDesk('enterprise', false);
    const ann = await desk.addUser('Ann', 'end-user', 'ann@acme.com');
    await run(deleteUser(desk.deps, desk.owner, ann));
    const before = await desk.eventCount();
    const annMail = mail({ from: { address: 'ann@acme.com', name: 'Ann' } });
    expect(await failure(desk.receive(annMail))).toEqual(refusedWith('R6.1'));
    expect(await desk.eventCount()).toBe(before);
    await run(
      updateAccount(desk.deps, desk.owner, { settings: { autoCreateUsersFromEmail: true } }),
    );
    const outcome = await run(desk.receive(annMail));
    expect(userOf(outcome).id).not.toBe(ann);
    expect(ticketOf(outcome).requesterId).toBe(userOf(outcome).id);
  });
});

describe('R6.5 mail loops: an automatic mail is recorded, marked as such', () => {
  it('its ticket and its replies carry via.rel automatic_mail; a person’s mail carries none', async () => {
    const desk = await inboundDesk();
    const automatic = await run(
      desk.receive(mail({ messageId: 'ooo-1@initech.example', automatic: true })),
    );
    expect(ticketOf(automatic).subject).toBe('The printer jams');
    const reply = await run(
      desk.receive(
        mail({
          messageId: 'ooo-2@initech.example',
          inReplyTo: ['ooo-1@initech.example'],
          automatic: true,
        }),
      ),
    );
    expect(reply.kind).toBe('comment_added');
    const person = await run(
      desk.receive(
        mail({ messageId: 'p-1@initech.example', inReplyTo: ['ooo-1@initech.example'] }),
      ),
    );
    const viaOf = (outcome: typeof automatic) =>
      outcome.ticket.events.map((e) => (e.metadata as { via: unknown }).via);
    const marked = { channel: 'email', rel: 'automatic_mail' };
    expect(viaOf(automatic)).toEqual([marked, marked]);
    expect(viaOf(reply)).toEqual([marked]);
    expect(viaOf(person)).toEqual([{ channel: 'email', rel: null }]);
  });
});
