import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  organizationDecider,
  userDecider,
  type ExistingUser,
  type Organization,
  type UserCommand,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { domainRefusal, type AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type HandleOptions } from '../command/handle-command';
import { loadStream } from '../command/load-stream';
import { contextOf, type Caller } from './caller';
import { loadUser } from './lookups';
import { mayActOnUser, type UserAction } from './user-permissions';

/**
 * Runs `act` on a user of the caller's account once the caller may take that action on them; a
 * user of another account is not found, whatever the caller's role.
 */
export const actOnUser = <A>(
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  actions: ReadonlyArray<UserAction>,
  act: (user: ExistingUser) => TE.TaskEither<AppError, A>,
): TE.TaskEither<AppError, A> =>
  pipe(
    loadUser(deps.eventStore, caller.accountId, userId),
    TE.chain((user) => {
      const refusal = actions
        .map((action) => mayActOnUser(caller.actor, user, action))
        .find((r) => r !== undefined);
      return refusal === undefined ? act(user) : TE.left(refusal);
    }),
  );

const organizationNotFound = (organizationId: Uuid): AppError =>
  domainRefusal({
    kind: 'NotFound',
    entity: 'organization',
    message: `organization ${organizationId} not found`,
  });

/** An organization of the account that was not removed; any other is not found. */
export const loadOrganization = (
  store: EventStore,
  accountId: Uuid,
  organizationId: Uuid,
): TE.TaskEither<AppError, Organization> =>
  pipe(
    loadStream(store, organizationDecider, streams.organization(organizationId)),
    TE.chain(({ state }) =>
      state !== null && state.accountId === accountId && !state.removed
        ? TE.right(state)
        : TE.left(organizationNotFound(organizationId)),
    ),
  );

/** One command on a user's own stream, in the caller's name. */
export const onUserStream = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  command: UserCommand,
  options: HandleOptions,
) => handleCommand(deps, userDecider, streams.user(userId), command, contextOf(caller), options);
