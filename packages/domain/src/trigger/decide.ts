import type { TriggerEvent } from '@helpdesk/events';
import { toActionData } from '../automation/actions';
import { mayConfigure } from '../automation/permissions';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  forbidden,
  notFound,
  nothingToDo,
  type Decision,
} from '../shared/decision';
import type {
  ActivateTrigger,
  ChangeTrigger,
  CreateTrigger,
  DeactivateTrigger,
  RepositionTrigger,
  TriggerCommand,
} from './commands';
import { toConditionsData } from './conditions';
import type { Trigger, TriggerDefinition, TriggerState } from './state';
import { definitionProblem } from './validation';

type TriggerDecision = Decision<TriggerEvent>;

const definitionData = (definition: TriggerDefinition) => ({
  title: definition.title.trim(),
  event: definition.event,
  conditions: toConditionsData(definition.conditions),
  actions: definition.actions.map(toActionData),
  stop_processing: definition.stopProcessing,
});

const sameDefinition = (a: TriggerDefinition, b: TriggerDefinition): boolean =>
  JSON.stringify(definitionData(a)) === JSON.stringify(definitionData(b));

const createTrigger = (cmd: CreateTrigger, state: TriggerState): TriggerDecision => {
  if (state !== null) return alreadyExists('trigger');
  const problem = definitionProblem(cmd, cmd.existingTemplateIds);
  if (problem) return problem;
  return accept([
    {
      type: 'TriggerCreated',
      data: {
        trigger_id: cmd.triggerId,
        account_id: cmd.accountId,
        ...definitionData(cmd),
        active: cmd.active,
        position: cmd.position,
      },
    },
  ]);
};

const changeTrigger = (cmd: ChangeTrigger, trigger: Trigger): TriggerDecision => {
  const changed: TriggerDefinition = {
    title: cmd.title ?? trigger.title,
    event: cmd.event ?? trigger.event,
    conditions: cmd.conditions ?? trigger.conditions,
    actions: cmd.actions ?? trigger.actions,
    stopProcessing: cmd.stopProcessing ?? trigger.stopProcessing,
  };
  if (sameDefinition(changed, trigger)) return nothingToDo();
  const problem = definitionProblem(changed, cmd.existingTemplateIds);
  if (problem) return problem;
  return accept([
    { type: 'TriggerChanged', data: { trigger_id: trigger.id, ...definitionData(changed) } },
  ]);
};

const activate = (_cmd: ActivateTrigger, trigger: Trigger): TriggerDecision =>
  trigger.active
    ? nothingToDo()
    : accept([{ type: 'TriggerActivated', data: { trigger_id: trigger.id } }]);

const deactivate = (_cmd: DeactivateTrigger, trigger: Trigger): TriggerDecision =>
  trigger.active
    ? accept([{ type: 'TriggerDeactivated', data: { trigger_id: trigger.id } }])
    : nothingToDo();

/**
 * Settled here: positions are per trigger; two triggers may share one, and then run in the order
 * they were created. Moving a trigger does not renumber the others.
 */
const reposition = (cmd: RepositionTrigger, trigger: Trigger): TriggerDecision =>
  cmd.position === trigger.position
    ? nothingToDo()
    : accept([
        {
          type: 'TriggerRepositioned',
          data: {
            trigger_id: trigger.id,
            position: cmd.position,
            previous_position: trigger.position,
          },
        },
      ]);

export const decide = (command: TriggerCommand, state: TriggerState): TriggerDecision => {
  if (!mayConfigure(command.actor)) return forbidden(null, 'only admins configure triggers');
  if (command.type === 'CreateTrigger') return createTrigger(command, state);
  if (state === null) return notFound('trigger');
  // removing twice changes nothing; anything else on a removed trigger finds nothing
  if (state.removed) return command.type === 'RemoveTrigger' ? nothingToDo() : notFound('trigger');
  switch (command.type) {
    case 'ChangeTrigger':
      return changeTrigger(command, state);
    case 'ActivateTrigger':
      return activate(command, state);
    case 'DeactivateTrigger':
      return deactivate(command, state);
    case 'RepositionTrigger':
      return reposition(command, state);
    case 'RemoveTrigger':
      return accept([
        { type: 'TriggerRemoved', data: { trigger_id: state.id, account_id: state.accountId } },
      ]);
    default:
      return assertNever(command);
  }
};
