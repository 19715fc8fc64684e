import type { Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import type { Trigger } from '../trigger/state';
import type { TicketAction } from './actions';
import { matches } from './conditions';
import { runsTriggers, type TicketChange, type TicketProperties } from './ticket-change';

/** What the engine needs of a trigger. */
export type RunnableTrigger = Pick<
  Trigger,
  'id' | 'active' | 'event' | 'conditions' | 'actions' | 'stopProcessing'
>;

/** One action to run on the ticket, and the trigger it comes from. */
export interface PlannedAction {
  readonly triggerId: Uuid;
  readonly action: TicketAction;
}

/** The account's live triggers in the order they run: by position, then as listed (created). */
export const inRunningOrder = <T extends Pick<Trigger, 'position' | 'removed'>>(
  triggers: ReadonlyArray<T>,
): ReadonlyArray<T> =>
  triggers
    .map((trigger, index) => ({ trigger, index }))
    .filter(({ trigger }) => !trigger.removed)
    .sort((a, b) => a.trigger.position - b.trigger.position || a.index - b.index)
    .map(({ trigger }) => trigger);

/** What a fired trigger's action makes of the ticket that later triggers test. */
const afterAction = (ticket: TicketProperties, action: TicketAction): TicketProperties => {
  switch (action.type) {
    case 'set_status':
      return { ...ticket, status: action.status };
    case 'add_tag':
      return ticket.tags.includes(action.tag)
        ? ticket
        : { ...ticket, tags: [...ticket.tags, action.tag] };
    case 'email_requester':
      return ticket;
    default:
      return assertNever(action);
  }
};

/**
 * R6.5: the actions a ticket change sets off, in the order to run them. `triggers` come in running
 * order (`inRunningOrder`); inactive ones and those for the other event are skipped. A trigger
 * fires when its conditions match the ticket as the earlier fired triggers left it; its actions
 * follow in their own order; one that fires with `stopProcessing` ends the run. A merge's changes
 * (R3.6), and the changes of trigger actions themselves, fire nothing.
 */
export const actionsToRun = (
  triggers: ReadonlyArray<RunnableTrigger>,
  change: TicketChange,
): ReadonlyArray<PlannedAction> => {
  if (!runsTriggers(change)) return [];
  const planned: PlannedAction[] = [];
  let ticket = change.ticket;
  for (const trigger of triggers) {
    if (!trigger.active || trigger.event !== change.event) continue;
    if (!matches(trigger.conditions, ticket)) continue;
    planned.push(...trigger.actions.map((action) => ({ triggerId: trigger.id, action })));
    ticket = trigger.actions.reduce(afterAction, ticket);
    if (trigger.stopProcessing) break;
  }
  return planned;
};
