import { emailTemplateEvents, type EmailTemplateEvent } from '@helpdesk/events';
import { assertNever } from '../read-model/events';
import type { ProjectedEvent, Projection } from '../runtime/projection';
import { emailTemplatesSchema } from './schema';

const templateTypes: ReadonlySet<string> = new Set(emailTemplateEvents.map((d) => d.type));

const isTemplateEvent = (
  projected: ProjectedEvent,
): projected is ProjectedEvent & { readonly event: EmailTemplateEvent } =>
  templateTypes.has(projected.event.type);

/**
 * The statement one event makes. Templates are few, so each event is one statement; a created row
 * is never inserted twice, and an update only moves a row forwards (a batch applied again changes
 * nothing).
 */
const statementOf = (
  projected: ProjectedEvent & { readonly event: EmailTemplateEvent },
): { readonly text: string; readonly params: unknown[] } => {
  const { event } = projected;
  const revision = projected.revision.toString();
  const at = projected.metadata.occurred_at;
  switch (event.type) {
    case 'EmailTemplateCreated':
      return {
        text: `INSERT INTO email_templates (id, account_id, name, subject, body, version,
                 created_position, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (id) DO NOTHING`,
        params: [
          event.data.template_id,
          event.data.account_id,
          event.data.name,
          event.data.subject,
          event.data.body,
          revision,
          projected.globalPosition.toString(),
          at,
        ],
      };
    case 'EmailTemplateChanged':
      return {
        text: `UPDATE email_templates SET name = $4, subject = $5, body = $6, version = $2,
                 updated_at = $3 WHERE id = $1 AND version < $2`,
        params: [
          event.data.template_id,
          revision,
          at,
          event.data.name,
          event.data.subject,
          event.data.body,
        ],
      };
    case 'EmailTemplateRemoved':
      return {
        text: `UPDATE email_templates SET removed = true, version = $2, updated_at = $3
               WHERE id = $1 AND version < $2`,
        params: [event.data.template_id, revision, at],
      };
    default:
      return assertNever(event);
  }
};

/** `email_templates`: each account's email templates, as `GET /api/v2/email_templates` lists them. */
export const emailTemplatesProjection: Projection = {
  name: 'email_templates',
  filter: { streamPrefixes: ['template-'] },
  tables: ['email_templates'],
  schema: emailTemplatesSchema,
  apply: async (session, events) => {
    for (const projected of events)
      if (isTemplateEvent(projected)) {
        const { text, params } = statementOf(projected);
        await session.query(text, params);
      }
  },
};
