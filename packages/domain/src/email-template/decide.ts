import type { EmailTemplateEvent } from '@helpdesk/events';
import { mayConfigure } from '../automation/permissions';
import { snippetsProblem } from '../mail/snippets-check';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  forbidden,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import type {
  ChangeEmailTemplate,
  CreateEmailTemplate,
  EmailTemplateCommand,
  RemoveEmailTemplate,
} from './commands';
import type { EmailTemplate, EmailTemplateState } from './state';

type TemplateDecision = Decision<EmailTemplateEvent>;

interface Content {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/** Names and subjects are one line; the body is kept as written. */
const tidy = (content: Content): Content => ({
  name: content.name.trim(),
  subject: content.subject.trim(),
  body: content.body,
});

/** R6.2 (and R6.8): every snippet of a template can be filled, and none is a password. */
const contentProblem = (content: Content) => snippetsProblem('R6.2', content.subject, content.body);

const createTemplate = (cmd: CreateEmailTemplate, state: EmailTemplateState): TemplateDecision => {
  if (state !== null) return alreadyExists('email template');
  const content = tidy(cmd);
  const problem = contentProblem(content);
  if (problem) return problem;
  return accept([
    {
      type: 'EmailTemplateCreated',
      data: { template_id: cmd.templateId, account_id: cmd.accountId, ...content },
    },
  ]);
};

const changeTemplate = (cmd: ChangeEmailTemplate, template: EmailTemplate): TemplateDecision => {
  const content = tidy({
    name: cmd.name ?? template.name,
    subject: cmd.subject ?? template.subject,
    body: cmd.body ?? template.body,
  });
  if (
    content.name === template.name &&
    content.subject === template.subject &&
    content.body === template.body
  )
    return nothingToDo();
  const problem = contentProblem(content);
  if (problem) return problem;
  return accept([{ type: 'EmailTemplateChanged', data: { template_id: template.id, ...content } }]);
};

/**
 * Settled here: a template that something still sends from cannot be removed: a trigger would
 * mail from nothing (R6.5), the welcome email would have no template (R6.2).
 */
const removeTemplate = (cmd: RemoveEmailTemplate, template: EmailTemplate): TemplateDecision => {
  if (cmd.usedBy.welcomeEmail)
    return refuse('R6.2', 'the welcome email is sent from this template: choose another first');
  if (cmd.usedBy.triggerIds.length > 0)
    return refuse(
      'R6.5',
      `triggers send from this template: ${cmd.usedBy.triggerIds.join(', ')}; change them first`,
    );
  return accept([
    {
      type: 'EmailTemplateRemoved',
      data: { template_id: template.id, account_id: template.accountId },
    },
  ]);
};

export const decide = (
  command: EmailTemplateCommand,
  state: EmailTemplateState,
): TemplateDecision => {
  if (!mayConfigure(command.actor)) return forbidden(null, 'only admins write email templates');
  if (command.type === 'CreateEmailTemplate') return createTemplate(command, state);
  if (state === null) return notFound('email template');
  // removing twice changes nothing; anything else on a removed template finds nothing
  if (state.removed)
    return command.type === 'RemoveEmailTemplate' ? nothingToDo() : notFound('email template');
  switch (command.type) {
    case 'ChangeEmailTemplate':
      return changeTemplate(command, state);
    case 'RemoveEmailTemplate':
      return removeTemplate(command, state);
    default:
      return assertNever(command);
  }
};
