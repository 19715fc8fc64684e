import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { accountDecider, type AccountState } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { knownUserOf } from './lookups';

/** R4: the owner hands the account to another active admin. */
export const transferOwnership = (
  deps: CommandDeps,
  caller: Caller,
  newOwnerId: Uuid,
): TE.TaskEither<AppError, CommandResult<AccountState>> =>
  pipe(
    knownUserOf(deps.eventStore, caller.accountId, newOwnerId),
    TE.chain((newOwner) =>
      handleCommand(
        deps,
        accountDecider,
        streams.account(caller.accountId),
        { type: 'TransferOwnership', accountId: caller.accountId, actor: caller.actor, newOwner },
        contextOf(caller),
      ),
    ),
  );
