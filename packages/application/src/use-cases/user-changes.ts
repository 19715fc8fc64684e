import * as A from 'fp-ts/Array';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  emailsOf,
  isOwner,
  userDecider,
  type ProfileChanges,
  type User,
  type UserCommand,
} from '@helpdesk/domain';
import { streams, type Role, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../command/handle-command';
import { releaseClaim } from '../claims/claim-unique';
import { actOnUser } from './act-on-user';
import { contextOf, type Caller } from './caller';
import { inSequence } from './in-sequence';
import { loadAccount } from './lookups';
import { refusalWhileMergedInto } from './merge-guard';
import { mayChangeProfile, type UserAction } from './user-permissions';

export interface UserChanges {
  readonly profile?: ProfileChanges;
  readonly role?: Role;
  /** true verifies the user; a user is never un-verified */
  readonly verified?: boolean;
}

const actionsFor = (changes: UserChanges): ReadonlyArray<UserAction> => [
  'profile',
  ...(changes.role === undefined ? [] : (['role'] as const)),
  ...(changes.verified === true ? (['verify'] as const) : []),
];

/** Whether the user owns the account: only then does a role change need R4.1's check. */
const ownerFact = (deps: CommandDeps, caller: Caller, userId: Uuid, needed: boolean) =>
  needed
    ? pipe(
        loadAccount(deps.eventStore, caller.accountId),
        TE.map((account) => isOwner(account, userId)),
      )
    : TE.right(false);

/**
 * `PUT /users/{id}`: profile fields, role and verification in one append, refused as a whole
 * (R4.1: the owner stays an admin).
 */
export const updateUser = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  changes: UserChanges,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, actionsFor(changes), () => {
    const profileRefusal =
      changes.profile === undefined ? undefined : mayChangeProfile(caller.actor, changes.profile);
    if (profileRefusal !== undefined) return TE.left(profileRefusal);
    return pipe(
      ownerFact(deps, caller, userId, changes.role !== undefined),
      TE.chain((owner) => {
        const commands: UserCommand[] = [
          ...(changes.profile === undefined
            ? []
            : [{ type: 'UpdateProfile' as const, userId, changes: changes.profile }]),
          ...(changes.role === undefined
            ? []
            : [{ type: 'ChangeRole' as const, userId, role: changes.role, isOwner: owner }]),
          ...(changes.verified === true ? [{ type: 'VerifyUser' as const, userId }] : []),
        ];
        return handleCommand(
          deps,
          inSequence(userDecider),
          streams.user(userId),
          commands,
          contextOf(caller),
          options,
        );
      }),
    );
  });

/**
 * `DELETE /users/{id}`: R4.1 keeps the owner; R3.6 keeps a user a merge is still moving tickets
 * to; the user's addresses are given back so that a new user may use them (R5.2 counts users
 * that exist).
 */
export const deleteUser = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, ['delete'], (user) =>
    pipe(
      refusalWhileMergedInto(deps.eventStore, caller.accountId, user),
      TE.chain(() => ownerFact(deps, caller, userId, true)),
      TE.chain((owner) =>
        handleCommand(
          deps,
          userDecider,
          streams.user(userId),
          { type: 'DeleteUser', userId, isOwner: owner },
          contextOf(caller),
          options,
        ),
      ),
      TE.chainFirst(() =>
        pipe(
          [...emailsOf(user)],
          A.map((email) =>
            releaseClaim(deps, 'email', caller.accountId, email, userId, contextOf(caller)),
          ),
          TE.sequenceSeqArray,
        ),
      ),
    ),
  );
