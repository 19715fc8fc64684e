/** What the use cases' tests share: an opened account with a team and end users, on a memory store. */
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { CommandActor } from '@helpdesk/domain';
import type { Role, Uuid } from '@helpdesk/events';
import { createMemoryEventStore } from '@helpdesk/event-store';
import type { AppError } from '../command/app-error';
import { fixedClock, instrumentedStore, sequentialIds } from '../testing';
import type { Caller } from './caller';
import { createUser } from './create-user';
import type { UserTickets } from './merge-users';
import { openAccount } from './open-account';

export const run = async <A>(task: TE.TaskEither<AppError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`unexpected failure: ${JSON.stringify(result.left)}`);
  return result.right;
};

export const failure = async <A>(task: TE.TaskEither<AppError, A>): Promise<AppError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error('expected a failure');
  return result.left;
};

export const refusedWith = (rule: string) => ({
  kind: 'DomainRefusal',
  error: expect.objectContaining({ kind: 'RuleViolation', rule }),
});
export const forbidden = {
  kind: 'DomainRefusal',
  error: expect.objectContaining({ kind: 'Forbidden' }),
};
export const notFound = {
  kind: 'DomainRefusal',
  error: expect.objectContaining({ kind: 'NotFound' }),
};

export const noTickets: UserTickets = {
  countRequested: () => async () => E.right(0),
  ticketsInvolving: () => async () => E.right([]),
};

/** `idPrefix` keeps two desks' ids apart, as two real accounts' would be. */
export const openDesk = async (plan: 'team' | 'enterprise' = 'team', idPrefix = 'eeeeeeee') => {
  const memory = createMemoryEventStore();
  const { store, appends } = instrumentedStore(memory);
  const deps = { eventStore: store, clock: fixedClock(), ids: sequentialIds(idPrefix) };
  const opened = await run(
    openAccount(
      deps,
      { name: 'Acme', plan, owner: { name: 'Olga', email: 'olga@acme.com' } },
      'req-0',
    ),
  );
  const callerAs = (id: Uuid, role: Role): Caller => ({
    accountId: opened.accountId,
    actor: { type: 'user', id, role },
    correlationId: `req-${id.slice(-4)}`,
    channel: 'api',
  });
  const owner = callerAs(opened.ownerId, 'admin');
  const addUser = async (name: string, role: Role, email?: string) => {
    const result = await run(
      createUser(deps, owner, {
        profile: { name },
        role,
        source: 'manual',
        ...(email === undefined ? {} : { emails: [email] }),
      }),
    );
    if (!result.state.exists) throw new Error('user not created');
    return result.state.id;
  };
  return { deps, appends, opened, owner, callerAs, addUser };
};

export const systemActor: CommandActor = { type: 'system' };
