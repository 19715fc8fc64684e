import * as t from 'io-ts';
import { strict } from './codecs';
import { defineEvent, type EventOf } from './define-event';
import { NonEmptyString, PositiveInteger, TicketStatus, Uuid, nullable } from './primitives';

/**
 * The account's configuration objects, each an event-sourced aggregate of its own stream: email
 * templates, ticket triggers (R6.5), macros (R6.6) and integrations (R4.5). Like ticket events,
 * they carry ids, never a person's name or address.
 */

// ---- email templates ----

/** Subject and body may hold placeholders such as `{{user.name}}`; a body is plain text. */
const templateContent = {
  name: NonEmptyString,
  subject: NonEmptyString,
  body: NonEmptyString,
};

export const EmailTemplateCreated = defineEvent(
  'EmailTemplateCreated',
  'template',
  'An email template was written; its placeholders are filled when a mail is sent from it (R6.2, R6.5).',
  { template_id: Uuid, account_id: Uuid, ...templateContent },
);
export const EmailTemplateChanged = defineEvent(
  'EmailTemplateChanged',
  'template',
  'The email template was rewritten; the event holds its whole new content.',
  { template_id: Uuid, ...templateContent },
);
export const EmailTemplateRemoved = defineEvent(
  'EmailTemplateRemoved',
  'template',
  'The email template was deleted; no trigger or setting may send from it any more.',
  { template_id: Uuid, account_id: Uuid },
);

export const emailTemplateEvents = [
  EmailTemplateCreated,
  EmailTemplateChanged,
  EmailTemplateRemoved,
] as const;
export type EmailTemplateEvent = EventOf<(typeof emailTemplateEvents)[number]>;

// ---- ticket actions, shared by triggers and macros ----

export const EmailRequesterAction = strict(
  { type: t.literal('email_requester'), template_id: Uuid },
  'EmailRequesterAction',
);
export const SetStatusAction = strict(
  { type: t.literal('set_status'), status: TicketStatus },
  'SetStatusAction',
);
export const AddTagAction = strict(
  { type: t.literal('add_tag'), tag: NonEmptyString },
  'AddTagAction',
);

/** What a trigger does when it fires (R6.5). */
export const TriggerAction = t.union(
  [EmailRequesterAction, SetStatusAction, AddTagAction],
  'TriggerAction',
);
export type TriggerAction = t.TypeOf<typeof TriggerAction>;

/** What applying a macro does to the ticket besides its reply (R6.6). */
export const MacroAction = t.union([SetStatusAction, AddTagAction], 'MacroAction');
export type MacroAction = t.TypeOf<typeof MacroAction>;

// ---- triggers ----

export const TriggerEventType = t.keyof(
  { ticket_created: null, ticket_updated: null },
  'TriggerEventType',
);
export type TriggerEventType = t.TypeOf<typeof TriggerEventType>;

export const ConditionField = t.keyof(
  { subject: null, status: null, organization_id: null, requester_id: null, channel: null },
  'ConditionField',
);
export type ConditionField = t.TypeOf<typeof ConditionField>;

export const ConditionOperator = t.keyof(
  { is: null, is_not: null, contains: null },
  'ConditionOperator',
);
export type ConditionOperator = t.TypeOf<typeof ConditionOperator>;

/** One test of a ticket property; `value` null means "none" (a ticket without organization). */
export const TriggerCondition = strict(
  { field: ConditionField, operator: ConditionOperator, value: nullable(t.string) },
  'TriggerCondition',
);
export type TriggerCondition = t.TypeOf<typeof TriggerCondition>;

/** A trigger fires when every `all` condition holds and, if `any` has some, at least one of them. */
export const TriggerConditions = strict(
  { all: t.array(TriggerCondition), any: t.array(TriggerCondition) },
  'TriggerConditions',
);
export type TriggerConditions = t.TypeOf<typeof TriggerConditions>;

const triggerDefinition = {
  title: NonEmptyString,
  event: TriggerEventType,
  conditions: TriggerConditions,
  actions: t.array(TriggerAction),
  /** no later trigger runs for the same change once this one fired */
  stop_processing: t.boolean,
};

export const TriggerCreated = defineEvent(
  'TriggerCreated',
  'trigger',
  'A ticket automation rule was set up (R6.5); triggers run by ascending position.',
  {
    trigger_id: Uuid,
    account_id: Uuid,
    ...triggerDefinition,
    active: t.boolean,
    position: PositiveInteger,
  },
);
export const TriggerChanged = defineEvent(
  'TriggerChanged',
  'trigger',
  "The trigger's title, event, conditions, actions or stop flag changed; the event holds the whole new definition.",
  { trigger_id: Uuid, ...triggerDefinition },
);
export const TriggerActivated = defineEvent(
  'TriggerActivated',
  'trigger',
  'The trigger runs again on ticket changes.',
  { trigger_id: Uuid },
);
export const TriggerDeactivated = defineEvent(
  'TriggerDeactivated',
  'trigger',
  'The trigger no longer runs; it is kept with its position.',
  { trigger_id: Uuid },
);
export const TriggerRepositioned = defineEvent(
  'TriggerRepositioned',
  'trigger',
  'The trigger moved in the order in which triggers run.',
  { trigger_id: Uuid, position: PositiveInteger, previous_position: PositiveInteger },
);
export const TriggerRemoved = defineEvent('TriggerRemoved', 'trigger', 'The trigger was deleted.', {
  trigger_id: Uuid,
  account_id: Uuid,
});

export const triggerEvents = [
  TriggerCreated,
  TriggerChanged,
  TriggerActivated,
  TriggerDeactivated,
  TriggerRepositioned,
  TriggerRemoved,
] as const;
export type TriggerEvent = EventOf<(typeof triggerEvents)[number]>;

// ---- macros ----

const macroContent = {
  title: NonEmptyString,
  /** the reply, with placeholders such as `{{portal.password_link}}` (R6.6, R6.8) */
  body: NonEmptyString,
  actions: t.array(MacroAction),
};

export const MacroCreated = defineEvent(
  'MacroCreated',
  'macro',
  'A canned response was written (R6.6).',
  { macro_id: Uuid, account_id: Uuid, ...macroContent },
);
export const MacroChanged = defineEvent(
  'MacroChanged',
  'macro',
  'The canned response was rewritten; the event holds its whole new content.',
  { macro_id: Uuid, ...macroContent },
);
export const MacroRemoved = defineEvent('MacroRemoved', 'macro', 'The macro was deleted.', {
  macro_id: Uuid,
  account_id: Uuid,
});

export const macroEvents = [MacroCreated, MacroChanged, MacroRemoved] as const;
export type MacroEvent = EventOf<(typeof macroEvents)[number]>;

// ---- integrations ----

export const IntegrationStatus = t.keyof(
  { active: null, reauthorization_required: null },
  'IntegrationStatus',
);
export type IntegrationStatus = t.TypeOf<typeof IntegrationStatus>;

export const IntegrationCreated = defineEvent(
  'IntegrationCreated',
  'integration',
  'The owner authorised a third-party integration on the account; it is active.',
  {
    integration_id: Uuid,
    account_id: Uuid,
    name: NonEmptyString,
    authorized_by_id: Uuid,
  },
);
export const IntegrationReauthorizationRequired = defineEvent(
  'IntegrationReauthorizationRequired',
  'integration',
  'The owner who authorised the integration handed the account over; it stops until the new owner authorises it (R4.5).',
  {
    integration_id: Uuid,
    /** the previous owner, who had authorised it */
    authorized_by_id: Uuid,
    /** the new owner, who may authorise it again */
    owner_id: Uuid,
  },
);
export const IntegrationAuthorized = defineEvent(
  'IntegrationAuthorized',
  'integration',
  'The current owner authorised the integration again; it is active (R4.5).',
  {
    integration_id: Uuid,
    authorized_by_id: Uuid,
    previous_authorized_by_id: Uuid,
  },
);
export const IntegrationRemoved = defineEvent(
  'IntegrationRemoved',
  'integration',
  'The integration was disconnected from the account.',
  { integration_id: Uuid, account_id: Uuid },
);

export const integrationEvents = [
  IntegrationCreated,
  IntegrationReauthorizationRequired,
  IntegrationAuthorized,
  IntegrationRemoved,
] as const;
export type IntegrationEvent = EventOf<(typeof integrationEvents)[number]>;

export const configurationEvents = [
  ...emailTemplateEvents,
  ...triggerEvents,
  ...macroEvents,
  ...integrationEvents,
] as const;
export type ConfigurationEvent = EmailTemplateEvent | TriggerEvent | MacroEvent | IntegrationEvent;
