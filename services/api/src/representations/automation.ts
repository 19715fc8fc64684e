import type { EmailTemplateView, MacroView, TriggerView } from '@helpdesk/projections';

/** An email template (R6.2, R6.5), its placeholders unfilled. */
export const emailTemplateJson = (template: EmailTemplateView) => ({
  id: template.id,
  name: template.name,
  subject: template.subject,
  body: template.body,
  created_at: template.createdAt,
  updated_at: template.updatedAt,
});

/** A trigger (R6.5): its conditions and actions in the words of the API and of the log. */
export const triggerJson = (trigger: TriggerView) => ({
  id: trigger.id,
  title: trigger.title,
  active: trigger.active,
  position: trigger.position,
  event: trigger.event,
  conditions: trigger.conditions,
  actions: trigger.actions,
  stop_processing: trigger.stopProcessing,
  created_at: trigger.createdAt,
  updated_at: trigger.updatedAt,
});

/** A macro (R6.6): the canned reply with its snippets unfilled, and what it also does. */
export const macroJson = (macro: MacroView) => ({
  id: macro.id,
  title: macro.title,
  body: macro.body,
  actions: macro.actions,
  created_at: macro.createdAt,
  updated_at: macro.updatedAt,
});
