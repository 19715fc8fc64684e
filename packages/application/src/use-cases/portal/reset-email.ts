import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { v5 as uuidV5 } from 'uuid';
import { renderForOutbox, type ExistingUser, type MailTemplate } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import type { QueuedEmail } from '../../ports/outbox';

/**
 * The password-reset mail, a built-in text (no account setting names a template for it). The link
 * stays `{{portal.password_link}}`: the sender mints it when it sends (R6.8).
 */
export const resetEmailTemplate: MailTemplate = {
  subject: 'Set your help desk password',
  body: [
    'Hello {{user.name}},',
    '',
    'A new password was asked for your help desk account ({{user.email}}).',
    'Choose it here; the link works once and for one hour:',
    '',
    '{{portal.password_link}}',
    '',
    'If you did not ask for it, ignore this email: your password does not change.',
    '',
  ].join('\n'),
};

/** Ids of reset mails: derived from the event that caused them, so that a repeat queues nothing more. */
const resetMailNamespace = '1f0b6c3e-43a4-5c8e-9f55-6d2b0a7c9e11';

export const resetEmailId = (causingEventId: string): Uuid =>
  uuidV5(`password-reset-mail:${causingEventId}`, resetMailNamespace);

/** The reset mail for `user`, to `to`, queued because of the event `causingEventId`. */
export const resetEmailFor = (
  user: ExistingUser,
  to: string,
  causingEventId: string,
): E.Either<AppError, QueuedEmail> =>
  pipe(
    renderForOutbox(resetEmailTemplate, { 'user.name': user.profile.name, 'user.email': to }),
    E.bimap(
      (error): AppError =>
        domainRefusal({ kind: 'RuleViolation', rule: 'R6.7', message: error.message }),
      (mail): QueuedEmail => ({
        id: resetEmailId(causingEventId),
        accountId: user.accountId,
        to,
        templateId: null,
        subject: mail.subject,
        body: mail.body,
        ticketId: null,
        userId: user.id,
        causationId: causingEventId,
      }),
    ),
  );
