import * as TE from 'fp-ts/TaskEither';
import { emailTemplateDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { handleCommand } from '../../command/handle-command';
import type { Outbox, QueuedEmail } from '../../ports/outbox';
import { contextOf } from '../../use-cases/caller';
import { succeed, type Desk } from '../testing';

/** The welcome tests' helpers (no test runs from this file). */

/** An outbox in memory that keeps the first mail of each id, as the real one does. */
export const memoryOutbox = () => {
  const emails = new Map<Uuid, QueuedEmail>();
  let calls = 0;
  const outbox: Outbox = {
    enqueue: (batch) => {
      calls++;
      for (const email of batch) if (!emails.has(email.id)) emails.set(email.id, email);
      return TE.right(undefined);
    },
  };
  return { outbox, emails: () => [...emails.values()], calls: () => calls };
};

export const welcomeTemplate = {
  name: 'Welcome',
  subject: 'Welcome to {{portal.url}}, {{user.name}}',
  body: 'Hello {{user.name}},\nyour user name is {{portal.username}}.\nSet your password: {{portal.password_link}}',
};

export const createTemplate = async (
  desk: Desk,
  content: { name: string; subject: string; body: string } = welcomeTemplate,
): Promise<Uuid> => {
  const templateId = desk.deps.ids.next();
  await succeed(
    handleCommand(
      desk.deps,
      emailTemplateDecider,
      streams.template(templateId),
      {
        type: 'CreateEmailTemplate',
        templateId,
        accountId: desk.opened.accountId,
        actor: { type: 'user', id: desk.opened.ownerId, role: 'admin' },
        ...content,
      },
      contextOf(desk.owner()),
    ),
  );
  return templateId;
};

export const changeTemplate = (desk: Desk, templateId: Uuid, subject: string) =>
  succeed(
    handleCommand(
      desk.deps,
      emailTemplateDecider,
      streams.template(templateId),
      {
        type: 'ChangeEmailTemplate',
        templateId,
        actor: { type: 'user', id: desk.opened.ownerId, role: 'admin' },
        subject,
      },
      contextOf(desk.owner()),
    ),
  );
