export {
  changeEmailTemplate,
  createEmailTemplate,
  removeEmailTemplate,
  type EmailTemplateContent,
  type TemplateUsage,
} from './email-templates';
export {
  changeTrigger,
  createTrigger,
  removeTrigger,
  type NewTrigger,
  type TriggerChanges,
  type TriggerDefinitionInput,
} from './triggers';
export { changeMacro, createMacro, removeMacro, type MacroContent } from './macros';
export { replyWithMacro } from './reply-with-macro';
export { requesterMail, type MailTicket, type RequesterMail } from './mail-values';
export { liveTemplateIds } from './live-templates';
export { isTicketChange, ticketCommandOf, type TicketChangeAction } from './action-commands';
