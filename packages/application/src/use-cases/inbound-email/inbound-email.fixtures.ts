/** What the inbound email tests share: a mail, and desks that receive it. */
import * as E from 'fp-ts/Either';
import type { ExistingTicket, ExistingUser, Ticket, User } from '@helpdesk/domain';
import type { EventStore } from '@helpdesk/event-store';
import { fixedClock, sequentialIds } from '../../testing';
import { updateAccount } from '../account-changes';
import { openAccount } from '../open-account';
import { openDesk, run } from '../use-case.fixtures';
import type { InboundEmail } from './inbound-email';
import { receiveInboundEmail, type InboundOutcome } from './receive-inbound-email';

export const mail = (overrides: Partial<InboundEmail> = {}): InboundEmail => ({
  from: { address: 'carl@initech.example', name: 'Carl Client' },
  subject: 'The printer jams',
  text: 'Every morning, on page 2.',
  messageId: '<m1@initech.example>',
  inReplyTo: [],
  automatic: false,
  references: [],
  ...overrides,
});

export const ticketOf = (outcome: InboundOutcome): ExistingTicket => {
  const state: Ticket = outcome.ticket.state;
  if (!state.exists) throw new Error('no ticket');
  return state;
};

export const userOf = (outcome: InboundOutcome): ExistingUser => {
  const state: User | undefined =
    outcome.kind === 'ticket_created' ? outcome.createdUser?.state : undefined;
  if (state === undefined || !state.exists) throw new Error('no user created');
  return state;
};

/** A desk whose account creates users from email (R6.1) unless told otherwise. */
export const inboundDesk = async (
  plan: 'team' | 'enterprise' = 'enterprise',
  autoCreateUsersFromEmail = true,
) => {
  const desk = await openDesk(plan);
  await run(updateAccount(desk.deps, desk.owner, { settings: { autoCreateUsersFromEmail } }));
  const delivery = { accountId: desk.opened.accountId, correlationId: 'smtp-1' };
  const receive = (email: InboundEmail) => receiveInboundEmail(desk.deps, delivery, email);
  const eventCount = async () => {
    const head = await desk.deps.eventStore.headPosition()();
    return E.isRight(head) ? head.right : -1n;
  };
  return { ...desk, delivery, receive, eventCount };
};

/** A Team desk that creates users from email, on a store a test controls (failures, delays). */
export const inboundDeskOn = async (store: EventStore) => {
  const deps = { eventStore: store, clock: fixedClock(), ids: sequentialIds() };
  const opened = await run(
    openAccount(
      deps,
      { name: 'Acme', plan: 'team', owner: { name: 'O', email: 'o@acme.com' } },
      'r',
    ),
  );
  const owner = {
    accountId: opened.accountId,
    actor: { type: 'user' as const, id: opened.ownerId, role: 'admin' as const },
    correlationId: 'r',
    channel: 'api' as const,
  };
  await run(updateAccount(deps, owner, { settings: { autoCreateUsersFromEmail: true } }));
  const receive = (email: InboundEmail = mail()) =>
    receiveInboundEmail(deps, { accountId: opened.accountId, correlationId: 'c' }, email);
  return { deps, receive };
};
