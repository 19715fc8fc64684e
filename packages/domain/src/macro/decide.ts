import type { MacroEvent } from '@helpdesk/events';
import { toMacroActionData, type MacroAction } from '../automation/actions';
import { mayConfigure } from '../automation/permissions';
import { snippetsProblem } from '../mail/snippets-check';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  forbidden,
  notFound,
  nothingToDo,
  type Decision,
} from '../shared/decision';
import type { ChangeMacro, CreateMacro, MacroCommand } from './commands';
import type { Macro, MacroState } from './state';

type MacroDecision = Decision<MacroEvent>;

interface Content {
  readonly title: string;
  readonly body: string;
  readonly actions: ReadonlyArray<MacroAction>;
}

const contentData = (content: Content) => ({
  title: content.title.trim(),
  body: content.body,
  actions: content.actions.map(toMacroActionData),
});

/** R6.6 (and R6.8): every snippet of the reply can be filled, and none is a password. */
const contentProblem = (content: Content) => snippetsProblem('R6.6', content.body);

const createMacro = (cmd: CreateMacro, state: MacroState): MacroDecision => {
  if (state !== null) return alreadyExists('macro');
  const problem = contentProblem(cmd);
  if (problem) return problem;
  return accept([
    {
      type: 'MacroCreated',
      data: { macro_id: cmd.macroId, account_id: cmd.accountId, ...contentData(cmd) },
    },
  ]);
};

const changeMacro = (cmd: ChangeMacro, macro: Macro): MacroDecision => {
  const changed: Content = {
    title: cmd.title ?? macro.title,
    body: cmd.body ?? macro.body,
    actions: cmd.actions ?? macro.actions,
  };
  if (JSON.stringify(contentData(changed)) === JSON.stringify(contentData(macro)))
    return nothingToDo();
  const problem = contentProblem(changed);
  if (problem) return problem;
  return accept([{ type: 'MacroChanged', data: { macro_id: macro.id, ...contentData(changed) } }]);
};

export const decide = (command: MacroCommand, state: MacroState): MacroDecision => {
  if (!mayConfigure(command.actor)) return forbidden(null, 'only admins write macros');
  if (command.type === 'CreateMacro') return createMacro(command, state);
  if (state === null) return notFound('macro');
  // removing twice changes nothing; anything else on a removed macro finds nothing
  if (state.removed) return command.type === 'RemoveMacro' ? nothingToDo() : notFound('macro');
  switch (command.type) {
    case 'ChangeMacro':
      return changeMacro(command, state);
    case 'RemoveMacro':
      return accept([
        { type: 'MacroRemoved', data: { macro_id: state.id, account_id: state.accountId } },
      ]);
    default:
      return assertNever(command);
  }
};
