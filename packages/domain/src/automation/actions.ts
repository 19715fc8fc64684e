import * as t from 'io-ts';
import {
  TicketStatus,
  Uuid,
  type MacroAction as MacroActionData,
  type TriggerAction as TriggerActionData,
} from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { taggedUnion } from '../shared/tagged-union';
import { TagInput } from '../ticket/tags';

/** What a trigger (R6.5) or a macro (R6.6) does to a ticket, in the domain's words. */

export const EmailRequester = t.strict(
  { type: t.literal('email_requester'), templateId: Uuid },
  'EmailRequester',
);
export const SetStatus = t.strict(
  { type: t.literal('set_status'), status: TicketStatus },
  'SetStatus',
);
export const AddTag = t.strict({ type: t.literal('add_tag'), tag: TagInput }, 'AddTag');

export const TicketAction = taggedUnion('TicketAction', {
  email_requester: EmailRequester,
  set_status: SetStatus,
  add_tag: AddTag,
});
export type TicketAction = t.TypeOf<typeof TicketAction>;

/** A macro's reply is its mail: its actions only change the ticket. */
export const MacroAction = taggedUnion('MacroAction', { set_status: SetStatus, add_tag: AddTag });
export type MacroAction = t.TypeOf<typeof MacroAction>;

export const toActionData = (action: TicketAction): TriggerActionData => {
  switch (action.type) {
    case 'email_requester':
      return { type: 'email_requester', template_id: action.templateId };
    case 'set_status':
      return { type: 'set_status', status: action.status };
    case 'add_tag':
      return { type: 'add_tag', tag: action.tag };
    default:
      return assertNever(action);
  }
};

export const fromActionData = (data: TriggerActionData): TicketAction => {
  switch (data.type) {
    case 'email_requester':
      return { type: 'email_requester', templateId: data.template_id };
    case 'set_status':
      return { type: 'set_status', status: data.status };
    case 'add_tag':
      return { type: 'add_tag', tag: data.tag };
    default:
      return assertNever(data);
  }
};

/** Macro actions are ticket actions whose data has the same shape in both vocabularies. */
export const toMacroActionData = (action: MacroAction): MacroActionData => ({ ...action });
export const fromMacroActionData = (data: MacroActionData): MacroAction => ({ ...data });

/** The email templates some actions send from. */
export const templateIdsOf = (actions: ReadonlyArray<TicketAction>): ReadonlyArray<Uuid> => [
  ...new Set(actions.flatMap((a) => (a.type === 'email_requester' ? [a.templateId] : []))),
];
