import type { TriggerEvent, TriggerEventType, Uuid } from '@helpdesk/events';
import { fromActionData, type TicketAction } from '../automation/actions';
import { assertNever } from '../shared/decider';
import { fromConditionsData, type Conditions } from './conditions';

/** What a trigger does, apart from whether and when it runs. */
export interface TriggerDefinition {
  readonly title: string;
  readonly event: TriggerEventType;
  readonly conditions: Conditions;
  readonly actions: ReadonlyArray<TicketAction>;
  readonly stopProcessing: boolean;
}

/** A ticket automation rule (R6.5). */
export interface Trigger extends TriggerDefinition {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly active: boolean;
  readonly position: number;
  /** a removed trigger keeps its stream but refuses every further command */
  readonly removed: boolean;
}

/** `null` until the trigger is created. */
export type TriggerState = Trigger | null;

export const initialState = (): TriggerState => null;

export const evolve = (state: TriggerState, event: TriggerEvent): TriggerState => {
  if (event.type === 'TriggerCreated') {
    const data = event.data;
    return {
      id: data.trigger_id,
      accountId: data.account_id,
      title: data.title,
      event: data.event,
      conditions: fromConditionsData(data.conditions),
      actions: data.actions.map(fromActionData),
      stopProcessing: data.stop_processing,
      active: data.active,
      position: data.position,
      removed: false,
    };
  }
  // events before the creation cannot be in a well-formed stream: they change nothing
  if (state === null) return state;
  switch (event.type) {
    case 'TriggerChanged':
      return {
        ...state,
        title: event.data.title,
        event: event.data.event,
        conditions: fromConditionsData(event.data.conditions),
        actions: event.data.actions.map(fromActionData),
        stopProcessing: event.data.stop_processing,
      };
    case 'TriggerActivated':
      return { ...state, active: true };
    case 'TriggerDeactivated':
      return { ...state, active: false };
    case 'TriggerRepositioned':
      return { ...state, position: event.data.position };
    case 'TriggerRemoved':
      return { ...state, removed: true };
    default:
      return assertNever(event);
  }
};
