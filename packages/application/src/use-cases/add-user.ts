import * as A from 'fp-ts/Array';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { User } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import type { CommandDeps, CommandResult } from '../command/handle-command';
import { loadOrganization } from './act-on-user';
import type { Caller } from './caller';
import { createUser, type NewUser } from './create-user';

/**
 * `POST /users` and each row of `create_many`: `createUser` once every organization named is one of
 * the account's (another account's organization is not found: nothing crosses accounts).
 */
export const addUser = (
  deps: CommandDeps,
  caller: Caller,
  user: NewUser,
  userId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<User>> =>
  pipe(
    [...new Set(user.organizationIds ?? [])],
    A.map((organizationId) => loadOrganization(deps.eventStore, caller.accountId, organizationId)),
    TE.sequenceSeqArray,
    TE.chain(() => createUser(deps, caller, user, userId)),
  );
