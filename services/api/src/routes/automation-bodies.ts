import * as t from 'io-ts';
import {
  Condition,
  TagInput,
  assertNever,
  fromActionData,
  type Conditions,
  type MacroAction,
  type TicketAction,
} from '@helpdesk/domain';
import {
  NonEmptyString,
  PositiveInteger,
  TicketStatus,
  TriggerEventType,
  Uuid,
} from '@helpdesk/events';

/**
 * The bodies of the email template, trigger and macro routes (api.md, "Channels, mail,
 * automation"), wrapped and snake_case as the API speaks; unknown fields are ignored, as Zendesk
 * clients send more than this service keeps.
 */

const templateFields = { name: NonEmptyString, subject: NonEmptyString, body: NonEmptyString };

export const NewEmailTemplateBody = t.type({ email_template: t.type(templateFields) });
export const EmailTemplateChangesBody = t.type({ email_template: t.partial(templateFields) });
export type EmailTemplateChangesBody = t.TypeOf<typeof EmailTemplateChangesBody>;

const SetStatusAction = t.type({ type: t.literal('set_status'), status: TicketStatus });
/** a tag is normalised as the ticket keeps it (`Portal Access` -> `portal_access`) */
const AddTagAction = t.type({ type: t.literal('add_tag'), tag: TagInput });
const EmailRequesterAction = t.type({ type: t.literal('email_requester'), template_id: Uuid });

const TriggerActionBody = t.union([EmailRequesterAction, SetStatusAction, AddTagAction]);
type TriggerActionBody = t.TypeOf<typeof TriggerActionBody>;
const MacroActionBody = t.union([SetStatusAction, AddTagAction]);

/** `all` and `any` may each be left out: no condition of that kind. */
const ConditionsBody = t.partial({ all: t.array(Condition), any: t.array(Condition) });
type ConditionsBody = t.TypeOf<typeof ConditionsBody>;

const triggerFields = {
  title: NonEmptyString,
  event: TriggerEventType,
  conditions: ConditionsBody,
  actions: t.array(TriggerActionBody),
  stop_processing: t.boolean,
  active: t.boolean,
  position: PositiveInteger,
};

export const NewTriggerBody = t.type({
  trigger: t.intersection([
    t.type({
      title: triggerFields.title,
      event: triggerFields.event,
      conditions: triggerFields.conditions,
      actions: triggerFields.actions,
    }),
    t.partial({
      stop_processing: triggerFields.stop_processing,
      active: triggerFields.active,
      position: triggerFields.position,
    }),
  ]),
});
export type NewTriggerBody = t.TypeOf<typeof NewTriggerBody>;

export const TriggerChangesBody = t.type({ trigger: t.partial(triggerFields) });
export type TriggerChangesBody = t.TypeOf<typeof TriggerChangesBody>;

const macroFields = {
  title: NonEmptyString,
  body: NonEmptyString,
  actions: t.array(MacroActionBody),
};

export const NewMacroBody = t.type({
  macro: t.intersection([
    t.type({ title: macroFields.title, body: macroFields.body }),
    t.partial({ actions: macroFields.actions }),
  ]),
});
export const MacroChangesBody = t.type({ macro: t.partial(macroFields) });

export const conditionsOf = (body: ConditionsBody): Conditions => ({
  all: body.all ?? [],
  any: body.any ?? [],
});

/** The body's action has the event's shape: read it as the events are read, field by field. */
export const triggerActionOf = (action: TriggerActionBody): TicketAction => fromActionData(action);

/** Built field by field: whatever else a client sent with an action is not kept. */
export const macroActionOf = (action: t.TypeOf<typeof MacroActionBody>): MacroAction => {
  switch (action.type) {
    case 'set_status':
      return { type: 'set_status', status: action.status };
    case 'add_tag':
      return { type: 'add_tag', tag: action.tag };
    default:
      return assertNever(action);
  }
};
