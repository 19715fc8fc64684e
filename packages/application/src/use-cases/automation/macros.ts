import type * as TE from 'fp-ts/TaskEither';
import { macroDecider, type MacroAction, type MacroState } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../../command/handle-command';
import { contextOf, type Caller } from '../caller';
import { ofAccount } from './of-account';

/** A canned response (R6.6): the reply with its snippets, and what it also does to the ticket. */
export interface MacroContent {
  readonly title: string;
  readonly body: string;
  readonly actions: ReadonlyArray<MacroAction>;
}

type MacroResult = TE.TaskEither<AppError, CommandResult<MacroState>>;

const macrosOf = (caller: Caller) => ofAccount(macroDecider, caller.accountId, 'macro');

/** R6.6: an admin writes a macro; agents apply it (`replyWithMacro`). */
export const createMacro = (
  deps: CommandDeps,
  caller: Caller,
  content: MacroContent,
  macroId: Uuid = deps.ids.next(),
): MacroResult =>
  handleCommand(
    deps,
    macrosOf(caller),
    streams.macro(macroId),
    {
      type: 'CreateMacro',
      macroId,
      accountId: caller.accountId,
      actor: caller.actor,
      ...content,
      actions: [...content.actions],
    },
    contextOf(caller),
  );

/** Only the parts given change. */
export const changeMacro = (
  deps: CommandDeps,
  caller: Caller,
  macroId: Uuid,
  changes: Partial<MacroContent>,
  options: HandleOptions = {},
): MacroResult => {
  const { actions, ...rest } = changes;
  return handleCommand(
    deps,
    macrosOf(caller),
    streams.macro(macroId),
    {
      type: 'ChangeMacro',
      macroId,
      actor: caller.actor,
      ...rest,
      ...(actions === undefined ? {} : { actions: [...actions] }),
    },
    contextOf(caller),
    options,
  );
};

export const removeMacro = (
  deps: CommandDeps,
  caller: Caller,
  macroId: Uuid,
  options: HandleOptions = {},
): MacroResult =>
  handleCommand(
    deps,
    macrosOf(caller),
    streams.macro(macroId),
    { type: 'RemoveMacro', macroId, actor: caller.actor },
    contextOf(caller),
    options,
  );
