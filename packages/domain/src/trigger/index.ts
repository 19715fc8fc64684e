export {
  ActivateTrigger,
  ChangeTrigger,
  CreateTrigger,
  DeactivateTrigger,
  RemoveTrigger,
  RepositionTrigger,
  TriggerCommand,
} from './commands';
export { Condition, Conditions, conditionProblem, operatorsFor } from './conditions';
export { triggerDecider } from './decider';
export type { Trigger, TriggerDefinition, TriggerState } from './state';
