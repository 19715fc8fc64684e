import type { TriggerEvent } from '@helpdesk/events';
import { accountId, admin, templateId, triggerId } from '../automation/fixtures';
import type { ChangeTrigger, CreateTrigger } from './commands';

/** Test data for the trigger's specifications (no test runs from this file). */

/** The seed's rule: a new ticket titled "[Portal credentials]" mails the requester the credentials. */
export const createTrigger = (overrides: Partial<CreateTrigger> = {}): CreateTrigger => ({
  type: 'CreateTrigger',
  triggerId,
  accountId,
  actor: admin,
  title: 'Portal credentials',
  event: 'ticket_created',
  conditions: {
    all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }],
    any: [],
  },
  actions: [{ type: 'email_requester', templateId }],
  stopProcessing: true,
  active: true,
  position: 1,
  existingTemplateIds: [templateId],
  ...overrides,
});

export const triggerCreated = (overrides: Partial<CreateTrigger> = {}): TriggerEvent => {
  const cmd = createTrigger(overrides);
  return {
    type: 'TriggerCreated',
    data: {
      trigger_id: cmd.triggerId,
      account_id: cmd.accountId,
      title: cmd.title,
      event: cmd.event,
      conditions: cmd.conditions,
      actions: cmd.actions.map((a) =>
        a.type === 'email_requester' ? { type: a.type, template_id: a.templateId } : a,
      ),
      stop_processing: cmd.stopProcessing,
      active: cmd.active,
      position: cmd.position,
    },
  };
};

export const changeTrigger = (changes: Partial<ChangeTrigger> = {}): ChangeTrigger => ({
  type: 'ChangeTrigger',
  triggerId,
  actor: admin,
  existingTemplateIds: [templateId],
  ...changes,
});

/** The `TriggerChanged` that gives the trigger the definition of `createTrigger(overrides)`. */
export const triggerChanged = (overrides: Partial<CreateTrigger> = {}): TriggerEvent => {
  const created = triggerCreated(overrides);
  if (created.type !== 'TriggerCreated') throw new Error('unreachable');
  const {
    account_id: _account,
    active: _active,
    position: _position,
    ...definition
  } = created.data;
  return { type: 'TriggerChanged', data: definition };
};
