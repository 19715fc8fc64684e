import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { emailTemplateDecider, type EmailTemplateState } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../../command/handle-command';
import { contextOf, type Caller } from '../caller';
import { loadAccount } from '../lookups';
import { ofAccount } from './of-account';

export interface EmailTemplateContent {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/**
 * Which triggers mail from a template, active or not. A read model answers it (triggers name their
 * templates, not the other way round): the answer must include every trigger recorded so far.
 */
export interface TemplateUsage {
  readonly triggersSendingFrom: (
    accountId: Uuid,
    templateId: Uuid,
  ) => TE.TaskEither<AppError, ReadonlyArray<Uuid>>;
}

type TemplateResult = TE.TaskEither<AppError, CommandResult<EmailTemplateState>>;

const templatesOf = (caller: Caller) =>
  ofAccount(emailTemplateDecider, caller.accountId, 'email template');

/** R6.2, R6.5: an admin writes an email template; its snippets must be ones that can be filled. */
export const createEmailTemplate = (
  deps: CommandDeps,
  caller: Caller,
  content: EmailTemplateContent,
  templateId: Uuid = deps.ids.next(),
): TemplateResult =>
  handleCommand(
    deps,
    templatesOf(caller),
    streams.template(templateId),
    {
      type: 'CreateEmailTemplate',
      templateId,
      accountId: caller.accountId,
      actor: caller.actor,
      ...content,
    },
    contextOf(caller),
  );

/** Only the parts given change. */
export const changeEmailTemplate = (
  deps: CommandDeps,
  caller: Caller,
  templateId: Uuid,
  changes: Partial<EmailTemplateContent>,
  options: HandleOptions = {},
): TemplateResult =>
  handleCommand(
    deps,
    templatesOf(caller),
    streams.template(templateId),
    { type: 'ChangeEmailTemplate', templateId, actor: caller.actor, ...changes },
    contextOf(caller),
    options,
  );

/**
 * A template nothing sends from can go: the decider refuses while a trigger mails from it (R6.5)
 * or it is the account's welcome email (R6.2, read from the account's stream).
 */
export const removeEmailTemplate = (
  deps: CommandDeps & { readonly templateUsage: TemplateUsage },
  caller: Caller,
  templateId: Uuid,
  options: HandleOptions = {},
): TemplateResult =>
  pipe(
    TE.Do,
    TE.apS('account', loadAccount(deps.eventStore, caller.accountId)),
    TE.apS('triggerIds', deps.templateUsage.triggersSendingFrom(caller.accountId, templateId)),
    TE.chain(({ account, triggerIds }) =>
      handleCommand(
        deps,
        templatesOf(caller),
        streams.template(templateId),
        {
          type: 'RemoveEmailTemplate',
          templateId,
          actor: caller.actor,
          usedBy: {
            triggerIds: [...triggerIds],
            welcomeEmail: account.settings.welcomeEmail.templateId === templateId,
          },
        },
        contextOf(caller),
        options,
      ),
    ),
  );
