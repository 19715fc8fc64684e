import type { IntegrationEvent } from '@helpdesk/events';
import { integrationEvents } from '@helpdesk/events';
import { assertNever } from '../read-model/events';
import type { ProjectedEvent, Projection } from '../runtime/projection';
import { integrationsSchema } from './schema';

const integrationTypes: ReadonlySet<string> = new Set(integrationEvents.map((d) => d.type));

const isIntegrationEvent = (
  projected: ProjectedEvent,
): projected is ProjectedEvent & { readonly event: IntegrationEvent } =>
  integrationTypes.has(projected.event.type);

/**
 * The statement one event makes. Integrations are few (a handful per account), so each event is
 * one statement; a created row is never inserted twice (a batch applied again changes nothing).
 */
const statementOf = (
  projected: ProjectedEvent & { readonly event: IntegrationEvent },
): { readonly text: string; readonly params: unknown[] } => {
  const { event } = projected;
  const stamp = [projected.revision.toString(), projected.metadata.occurred_at];
  switch (event.type) {
    case 'IntegrationCreated':
      return {
        text: `INSERT INTO integrations (id, account_id, name, authorized_by_id, status, version,
                 created_position, created_at, updated_at)
               VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $7) ON CONFLICT (id) DO NOTHING`,
        params: [
          event.data.integration_id,
          event.data.account_id,
          event.data.name,
          event.data.authorized_by_id,
          stamp[0],
          projected.globalPosition.toString(),
          stamp[1],
        ],
      };
    case 'IntegrationReauthorizationRequired':
      return {
        text: `UPDATE integrations SET status = 'reauthorization_required', version = $2,
                 updated_at = $3 WHERE id = $1`,
        params: [event.data.integration_id, ...stamp],
      };
    case 'IntegrationAuthorized':
      return {
        text: `UPDATE integrations SET status = 'active', authorized_by_id = $4, version = $2,
                 updated_at = $3 WHERE id = $1`,
        params: [event.data.integration_id, ...stamp, event.data.authorized_by_id],
      };
    case 'IntegrationRemoved':
      return {
        text: `UPDATE integrations SET removed = true, version = $2, updated_at = $3 WHERE id = $1`,
        params: [event.data.integration_id, ...stamp],
      };
    default:
      return assertNever(event);
  }
};

/** `integrations`: each account's integrations and whether they wait for the owner (R4.5). */
export const integrationsProjection: Projection = {
  name: 'integrations',
  filter: { streamPrefixes: ['integration-'] },
  tables: ['integrations'],
  schema: integrationsSchema,
  apply: async (session, events) => {
    for (const projected of events)
      if (isIntegrationEvent(projected)) {
        const { text, params } = statementOf(projected);
        await session.query(text, params);
      }
  },
};
