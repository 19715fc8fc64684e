import { triggerEvents, type TriggerAction, type TriggerEvent } from '@helpdesk/events';
import { assertNever } from '../read-model/events';
import type { ProjectedEvent, Projection } from '../runtime/projection';
import { triggersSchema } from './schema';

const triggerTypes: ReadonlySet<string> = new Set(triggerEvents.map((d) => d.type));

const isTriggerEvent = (
  projected: ProjectedEvent,
): projected is ProjectedEvent & { readonly event: TriggerEvent } =>
  triggerTypes.has(projected.event.type);

/** The templates a trigger mails from, as a PostgreSQL array literal (ids need no quoting). */
const templateIdsOf = (actions: ReadonlyArray<TriggerAction>): string =>
  `{${[...new Set(actions.flatMap((a) => (a.type === 'email_requester' ? [a.template_id] : [])))].join(',')}}`;

/**
 * The statement one event makes. Triggers are few, so each event is one statement; a created row
 * is never inserted twice, and an update only moves a row forwards (a batch applied again changes
 * nothing).
 */
const statementOf = (
  projected: ProjectedEvent & { readonly event: TriggerEvent },
): { readonly text: string; readonly params: unknown[] } => {
  const { event } = projected;
  const stamp = [projected.revision.toString(), projected.metadata.occurred_at];
  const update = (set: string, ...values: unknown[]) => ({
    text: `UPDATE triggers SET ${set}, version = $2, updated_at = $3 WHERE id = $1 AND version < $2`,
    params: [event.data.trigger_id, ...stamp, ...values],
  });
  switch (event.type) {
    case 'TriggerCreated': {
      const d = event.data;
      return {
        text: `INSERT INTO triggers (id, account_id, title, event, conditions, actions, template_ids,
                 stop_processing, active, position, version, created_position, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::uuid[], $8, $9, $10, $11, $12, $13, $13)
               ON CONFLICT (id) DO NOTHING`,
        params: [
          d.trigger_id,
          d.account_id,
          d.title,
          d.event,
          JSON.stringify(d.conditions),
          JSON.stringify(d.actions),
          templateIdsOf(d.actions),
          d.stop_processing,
          d.active,
          d.position,
          stamp[0],
          projected.globalPosition.toString(),
          stamp[1],
        ],
      };
    }
    case 'TriggerChanged': {
      const d = event.data;
      return update(
        `title = $4, event = $5, conditions = $6::jsonb, actions = $7::jsonb,
         template_ids = $8::uuid[], stop_processing = $9`,
        d.title,
        d.event,
        JSON.stringify(d.conditions),
        JSON.stringify(d.actions),
        templateIdsOf(d.actions),
        d.stop_processing,
      );
    }
    case 'TriggerActivated':
      return update('active = true');
    case 'TriggerDeactivated':
      return update('active = false');
    case 'TriggerRepositioned':
      return update('position = $4', event.data.position);
    case 'TriggerRemoved':
      return update('removed = true');
    default:
      return assertNever(event);
  }
};

/** `triggers`: each account's ticket triggers (R6.5), as `GET /api/v2/triggers` lists them. */
export const triggersProjection: Projection = {
  name: 'triggers',
  filter: { streamPrefixes: ['trigger-'] },
  tables: ['triggers'],
  schema: triggersSchema,
  apply: async (session, events) => {
    for (const projected of events)
      if (isTriggerEvent(projected)) {
        const { text, params } = statementOf(projected);
        await session.query(text, params);
      }
  },
};
