import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  accountDecider,
  knownAccount,
  ticketDecider,
  toKnownUser,
  userDecider,
  type Account,
  type ExistingTicket,
  type ExistingUser,
  type KnownAccount,
  type KnownUser,
  type User,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { domainRefusal, type AppError } from '../command/app-error';
import type { CommandDeps } from '../command/handle-command';
import { loadStream } from '../command/load-stream';
import { currentThroughCache } from '../command/stream-cache';

/**
 * Facts a command carries about other aggregates, read from their streams, not from a read model.
 * A missing aggregate, or one of another account, is not found.
 */

const notFound = (entity: string, id: Uuid): AppError =>
  domainRefusal({ kind: 'NotFound', entity, message: `${entity} ${id} not found` });

export const loadAccount = (store: EventStore, accountId: Uuid): TE.TaskEither<AppError, Account> =>
  pipe(
    loadStream(store, accountDecider, streams.account(accountId)),
    TE.chain(({ state }) =>
      state === null ? TE.left(notFound('account', accountId)) : TE.right(state),
    ),
  );

export const loadUser = (
  store: EventStore,
  accountId: Uuid,
  userId: Uuid,
): TE.TaskEither<AppError, ExistingUser> =>
  pipe(
    loadStream(store, userDecider, streams.user(userId)),
    TE.chain(({ state }) =>
      state.exists && state.accountId === accountId
        ? TE.right(state)
        : TE.left(notFound('user', userId)),
    ),
  );

export const loadTicket = (
  store: EventStore,
  accountId: Uuid,
  ticketId: Uuid,
): TE.TaskEither<AppError, ExistingTicket> =>
  pipe(
    loadStream(store, ticketDecider, streams.ticket(ticketId)),
    TE.chain(({ state }) =>
      state.exists && state.accountId === accountId
        ? TE.right(state)
        : TE.left(notFound('ticket', ticketId)),
    ),
  );

export const knownAccountOf = (
  store: EventStore,
  accountId: Uuid,
): TE.TaskEither<AppError, KnownAccount> =>
  pipe(loadAccount(store, accountId), TE.map(knownAccount));

/**
 * `knownUserOf` through the command handler's cache: only what happened since the state it knows
 * is read, and nothing when its changes know of nothing new (`currentThroughCache`).
 */
export const knownUserVia =
  (deps: CommandDeps, accountId: Uuid, userId: Uuid): TE.TaskEither<AppError, KnownUser> =>
  async () => {
    const user = await currentUser(deps, userId);
    if (E.isLeft(user)) return user;
    return user.right.exists && user.right.accountId === accountId
      ? E.right(toKnownUser(user.right))
      : E.left(notFound('user', userId));
  };

/** A user's state as a fact a request relies on: through the cache (`currentThroughCache`). */
export const currentUser = async (
  deps: Pick<CommandDeps, 'eventStore' | 'streams'>,
  userId: Uuid,
): Promise<E.Either<AppError, User>> => {
  const loaded = await currentThroughCache(
    deps.eventStore,
    deps.streams,
    userDecider,
    streams.user(userId),
  )();
  return E.isLeft(loaded) ? loaded : E.right(loaded.right.state);
};

export const knownUserOf = (
  store: EventStore,
  accountId: Uuid,
  userId: Uuid,
): TE.TaskEither<AppError, KnownUser> =>
  pipe(loadUser(store, accountId, userId), TE.map(toKnownUser));
