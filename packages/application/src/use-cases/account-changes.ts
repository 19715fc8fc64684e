import {
  accountDecider,
  planAllowsMultipleOrganizations,
  type AccountCommand,
  type AccountSettingsChanges,
  type AccountState,
  type CommandActor,
} from '@helpdesk/domain';
import { streams, type Plan } from '@helpdesk/events';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { inSequence } from './in-sequence';

export interface AccountChanges {
  readonly name?: string;
  readonly plan?: Plan;
  readonly settings?: AccountSettingsChanges;
}

/**
 * The commands of an account update, in an order the plan and settings can agree on (R2.1): an
 * upgrade comes before the settings it allows, a downgrade after the settings it no longer allows.
 */
const commandsOf = (
  accountId: string,
  actor: CommandActor,
  changes: AccountChanges,
): ReadonlyArray<AccountCommand> => {
  const rename: AccountCommand[] =
    changes.name === undefined
      ? []
      : [{ type: 'RenameAccount', accountId, actor, name: changes.name }];
  const plan: AccountCommand[] =
    changes.plan === undefined
      ? []
      : [{ type: 'ChangePlan', accountId, actor, plan: changes.plan }];
  const settings: AccountCommand[] =
    changes.settings === undefined
      ? []
      : [{ type: 'ChangeSettings', accountId, actor, settings: changes.settings }];
  const upgrade = changes.plan !== undefined && planAllowsMultipleOrganizations(changes.plan);
  return upgrade ? [...rename, ...plan, ...settings] : [...rename, ...settings, ...plan];
};

/** `PUT /account`: name, plan and settings in one append, refused as a whole (admins only). */
export const updateAccount = (
  deps: CommandDeps,
  caller: Caller,
  changes: AccountChanges,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<AccountState>> =>
  handleCommand(
    deps,
    inSequence(accountDecider),
    streams.account(caller.accountId),
    commandsOf(caller.accountId, caller.actor, changes),
    contextOf(caller),
    options,
  );
