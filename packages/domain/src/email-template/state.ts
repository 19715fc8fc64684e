import type { EmailTemplateEvent, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** A mail's subject and body with their placeholders (`{{user.name}}`, ...). */
export interface EmailTemplate {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  /** a removed template keeps its stream but refuses every further command */
  readonly removed: boolean;
}

/** `null` until the template is created. */
export type EmailTemplateState = EmailTemplate | null;

export const initialState = (): EmailTemplateState => null;

export const evolve = (
  state: EmailTemplateState,
  event: EmailTemplateEvent,
): EmailTemplateState => {
  if (event.type === 'EmailTemplateCreated') {
    const { template_id, account_id, name, subject, body } = event.data;
    return { id: template_id, accountId: account_id, name, subject, body, removed: false };
  }
  // events before the creation cannot be in a well-formed stream: they change nothing
  if (state === null) return state;
  switch (event.type) {
    case 'EmailTemplateChanged':
      return {
        ...state,
        name: event.data.name,
        subject: event.data.subject,
        body: event.data.body,
      };
    case 'EmailTemplateRemoved':
      return { ...state, removed: true };
    default:
      return assertNever(event);
  }
};
