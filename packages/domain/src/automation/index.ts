export {
  AddTag,
  EmailRequester,
  MacroAction,
  SetStatus,
  TicketAction,
  fromActionData,
  templateIdsOf,
  toActionData,
} from './actions';
export { holds, matches } from './conditions';
export { actionsToRun, inRunningOrder, type PlannedAction, type RunnableTrigger } from './engine';
export { mayConfigure } from './permissions';
export {
  mergeRel,
  propertiesOf,
  runsTriggers,
  ticketChangeOf,
  triggerRel,
  automaticMailRel,
  type TicketChange,
  type TicketProperties,
} from './ticket-change';
