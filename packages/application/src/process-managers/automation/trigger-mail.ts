import * as E from 'fp-ts/Either';
import { v5 as uuidV5 } from 'uuid';
import { renderForOutbox, type EmailTemplate, type MailValues } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { QueuedEmail } from '../../ports/outbox';

/**
 * The mail one trigger sends from one template for one ticket change has one id, derived from
 * them (the change's event id is the namespace), however often the change is handled.
 */
export const triggerMailId = (eventId: Uuid, triggerId: Uuid, templateId: Uuid): Uuid =>
  uuidV5(`trigger:${triggerId}:template:${templateId}`, eventId);

export interface TriggerMail {
  readonly eventId: Uuid;
  readonly accountId: Uuid;
  readonly triggerId: Uuid;
  readonly template: EmailTemplate;
  readonly ticketId: Uuid;
  readonly requesterId: Uuid;
  readonly to: string;
  readonly values: MailValues;
}

/**
 * R6.5 `email_requester`: the template filled for the ticket and its requester, ready for the
 * outbox. R6.8: a password link stays a placeholder, minted by the sender when it sends.
 */
export const queuedTriggerMail = (mail: TriggerMail): E.Either<string, QueuedEmail> => {
  const rendered = renderForOutbox(mail.template, mail.values);
  if (E.isLeft(rendered)) return E.left(rendered.left.message);
  return E.right({
    id: triggerMailId(mail.eventId, mail.triggerId, mail.template.id),
    accountId: mail.accountId,
    to: mail.to,
    templateId: mail.template.id,
    subject: rendered.right.subject,
    body: rendered.right.body,
    ticketId: mail.ticketId,
    userId: mail.requesterId,
    causationId: mail.eventId,
  });
};
