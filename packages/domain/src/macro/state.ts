import type { MacroEvent, Uuid } from '@helpdesk/events';
import { fromMacroActionData, type MacroAction } from '../automation/actions';
import { assertNever } from '../shared/decider';

/** A canned response (R6.6): a reply with snippets, and what applying it does to the ticket. */
export interface Macro {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly title: string;
  readonly body: string;
  readonly actions: ReadonlyArray<MacroAction>;
  /** a removed macro keeps its stream but refuses every further command */
  readonly removed: boolean;
}

/** `null` until the macro is created. */
export type MacroState = Macro | null;

export const initialState = (): MacroState => null;

export const evolve = (state: MacroState, event: MacroEvent): MacroState => {
  if (event.type === 'MacroCreated') {
    const { macro_id, account_id, title, body, actions } = event.data;
    return {
      id: macro_id,
      accountId: account_id,
      title,
      body,
      actions: actions.map(fromMacroActionData),
      removed: false,
    };
  }
  // events before the creation cannot be in a well-formed stream: they change nothing
  if (state === null) return state;
  switch (event.type) {
    case 'MacroChanged':
      return {
        ...state,
        title: event.data.title,
        body: event.data.body,
        actions: event.data.actions.map(fromMacroActionData),
      };
    case 'MacroRemoved':
      return { ...state, removed: true };
    default:
      return assertNever(event);
  }
};
