import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { createMemoryEventStore, type RecordedEvent } from '@helpdesk/event-store';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import { fixedClock, sequentialIds } from '../testing';
import type { Caller } from './caller';
import { createOrganization } from './organizations';
import { createUser } from './create-user';
import { mergeUsers, type UserTickets } from './merge-users';
import { openAccount } from './open-account';
import { changeRequester, createTicket } from './tickets';
import { transferOwnership } from './transfer-ownership';

const run = async <A>(task: TE.TaskEither<AppError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};
const refusal = async (task: TE.TaskEither<AppError, unknown>) => {
  const result = await task();
  return E.isLeft(result) && result.left.kind === 'DomainRefusal' ? result.left.error : result;
};

const setUp = async () => {
  const eventStore = createMemoryEventStore();
  const deps = { eventStore, clock: fixedClock(), ids: sequentialIds() };
  const opened = await run(
    openAccount(
      deps,
      { name: 'Acme', plan: 'team', owner: { name: 'Olivia', email: 'olivia@acme.example' } },
      'req-1',
    ),
  );
  const owner: Caller = {
    accountId: opened.accountId,
    actor: { type: 'user', id: opened.ownerId, role: 'admin' },
    correlationId: 'req-2',
    channel: 'web',
  };
  const endUser = async (name: string, email: string, organizationIds: Uuid[] = []) =>
    (
      await run(
        createUser(deps, owner, {
          profile: { name },
          role: 'end-user',
          source: 'manual',
          emails: [email],
          organizationIds,
        }),
      )
    ).events[0]!.streamName.replace('user-', '');
  const read = async (stream: string): Promise<ReadonlyArray<RecordedEvent>> => {
    const result = await eventStore.readStream(stream)();
    return E.isRight(result) ? result.right : [];
  };
  return { deps, opened, owner, endUser, read };
};

describe('opening an account', () => {
  it('R4.1 creates the account, its "Unassigned" organization and an owner who is an admin', async () => {
    const { opened, read } = await setUp();
    expect((await read(streams.account(opened.accountId))).map((e) => e.type)).toEqual([
      'AccountCreated',
    ]);
    expect((await read(streams.organization(opened.defaultOrganizationId)))[0]).toMatchObject({
      type: 'OrganizationCreated',
      data: { name: 'Unassigned' },
    });
    const owner = await read(streams.user(opened.ownerId));
    expect(owner[0]).toMatchObject({
      type: 'UserCreated',
      data: { role: 'admin', source: 'account' },
    });
    expect(owner[0]!.metadata).toMatchObject({
      actor: { type: 'operator', id: null },
      correlation_id: 'req-1',
    });
  });
});

describe('R5.2 an email address identifies at most one user of an account', () => {
  it('refuses an address another user has, however it is written', async () => {
    const { deps, owner, endUser } = await setUp();
    await endUser('Ann', 'ann@example.com');
    expect(
      await refusal(
        createUser(deps, owner, {
          profile: { name: 'Other' },
          role: 'end-user',
          source: 'manual',
          emails: ['ANN@Example.com'],
        }),
      ),
    ).toMatchObject({ kind: 'RuleViolation', rule: 'R5.2' });
  });

  it('gives back the addresses a refused creation had claimed', async () => {
    const { deps, owner, endUser } = await setUp();
    await endUser('Ann', 'ann@example.com');
    const refused = await refusal(
      createUser(deps, owner, {
        profile: { name: 'Bo' },
        role: 'end-user',
        source: 'manual',
        emails: ['bo@example.com', 'ann@example.com'],
      }),
    );
    expect(refused).toMatchObject({ rule: 'R5.2' });
    await expect(endUser('Bo', 'bo@example.com')).resolves.toEqual(expect.any(String));
  });
});

describe("R1 changing a ticket's requester", () => {
  const withTicket = async () => {
    const context = await setUp();
    const globex = (await run(createOrganization(context.deps, context.owner, { name: 'Globex' })))
      .state!.id;
    const ann = await context.endUser('Ann', 'ann@example.com');
    const bob = await context.endUser('Bob', 'bob@globex.example', [globex]);
    const ticket = (
      await run(
        createTicket(
          context.deps,
          { ...context.owner, channel: 'api' },
          { subject: 'Help', requesterId: ann },
        ),
      )
    ).state;
    if (!ticket.exists) throw new Error('no ticket');
    return { ...context, ann, bob, globex, ticketId: ticket.id };
  };

  it("R1.1 R1.6 an agent replaces the requester and the ticket takes the new requester's organization", async () => {
    const { deps, owner, ticketId, ann, bob, globex } = await withTicket();
    const changed = await run(changeRequester(deps, owner, ticketId, bob));
    expect(changed.events.map((e) => [e.type, e.data])).toEqual([
      [
        'RequesterChanged',
        { ticket_id: ticketId, previous_requester_id: ann, requester_id: bob, reason: 'manual' },
      ],
      [
        'TicketOrganizationChanged',
        {
          ticket_id: ticketId,
          previous_organization_id: null,
          organization_id: globex,
          reason: 'requester_changed',
        },
      ],
    ]);
  });

  it('R1.1 an end user may not do it', async () => {
    const { deps, owner, ticketId, ann, bob } = await withTicket();
    const asEndUser: Caller = { ...owner, actor: { type: 'user', id: ann, role: 'end-user' } };
    expect(await refusal(changeRequester(deps, asEndUser, ticketId, bob))).toMatchObject({
      kind: 'Forbidden',
      rule: 'R1.1',
    });
  });

  it('R1.2 the new requester must exist in the account', async () => {
    const { deps, owner, ticketId } = await withTicket();
    expect(
      await refusal(changeRequester(deps, owner, ticketId, '00000000-0000-4000-8000-00000000dead')),
    ).toMatchObject({
      kind: 'NotFound',
      entity: 'user',
    });
  });
});

describe('R3 merging duplicate end users', () => {
  const ticketsOf = (requested: Record<Uuid, Uuid[]>): UserTickets => ({
    countRequested: (_account, userId) => async () => E.right((requested[userId] ?? []).length),
    ticketsInvolving: (_account, userId) => async () => E.right(requested[userId] ?? []),
  });

  it("R3.5 R3.6 R3.8 moves the source's tickets with reason merge, gives its email to the target, and completes once", async () => {
    const { deps, owner, endUser, read } = await setUp();
    const ann = await endUser('Ann', 'ann@example.com');
    const duplicate = await endUser('Ann L.', 'ann.l@home.example');
    const ticket = (
      await run(
        createTicket(
          deps,
          { ...owner, channel: 'api' },
          { subject: 'Sign-in', requesterId: duplicate },
        ),
      )
    ).state;
    if (!ticket.exists) throw new Error('no ticket');

    const outcome = await run(
      mergeUsers(deps, ticketsOf({ [duplicate]: [ticket.id] }), owner, duplicate, ann),
    );

    expect(outcome).toEqual({ ticketsRewritten: 1, ccsReplaced: 0 });
    const ticketEvents = await read(streams.ticket(ticket.id));
    expect(ticketEvents.at(-1)).toMatchObject({
      type: 'RequesterChanged',
      data: { previous_requester_id: duplicate, requester_id: ann, reason: 'merge' },
      metadata: {
        via: { rel: 'merge' },
        actor: { type: 'system' },
        correlation_id: owner.correlationId,
      },
    });
    expect((await read(streams.user(duplicate))).map((e) => e.type).slice(-2)).toEqual([
      'UserMerged',
      'UserMergeCompleted',
    ]);
    expect(
      (await read(streams.claim('email', owner.accountId, 'ann.l@home.example'))).at(-1),
    ).toMatchObject({
      type: 'ClaimTransferred',
      data: { holder_id: ann },
    });
    expect(await refusal(mergeUsers(deps, ticketsOf({}), owner, duplicate, ann))).toMatchObject({
      rule: 'R3.5',
    });
  });

  it('R3.3 refuses a source with more than 10,000 requested tickets', async () => {
    const { deps, owner, endUser } = await setUp();
    const ann = await endUser('Ann', 'ann@example.com');
    const busy = await endUser('Busy', 'busy@example.com');
    const tickets: UserTickets = {
      ...ticketsOf({}),
      countRequested: (_a, userId) => async () => E.right(userId === busy ? 10_001 : 0),
    };
    expect(await refusal(mergeUsers(deps, tickets, owner, busy, ann))).toMatchObject({
      rule: 'R3.3',
    });
  });
});

describe('R4 transferring the account owner', () => {
  it('R4.2 R4.3 only the owner, only to an active admin', async () => {
    const { deps, owner, endUser, opened } = await setUp();
    const bob = await endUser('Bob', 'bob@example.com');
    expect(await refusal(transferOwnership(deps, owner, bob))).toMatchObject({ rule: 'R4.3' });
    const alex = (
      await run(
        createUser(deps, owner, {
          profile: { name: 'Alex' },
          role: 'admin',
          source: 'manual',
          emails: ['alex@acme.example'],
        }),
      )
    ).events[0]!.streamName.replace('user-', '');
    const asAlex: Caller = { ...owner, actor: { type: 'user', id: alex, role: 'admin' } };
    expect(await refusal(transferOwnership(deps, asAlex, alex))).toMatchObject({
      kind: 'Forbidden',
      rule: 'R4.2',
    });
    const transferred = await run(transferOwnership(deps, owner, alex));
    expect(transferred.events[0]).toMatchObject({
      type: 'OwnerTransferred',
      data: { previous_owner_id: opened.ownerId, owner_id: alex },
    });
  });
});
