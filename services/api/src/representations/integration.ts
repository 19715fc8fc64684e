import type { IntegrationView } from '@helpdesk/projections';

/** An integration (R4.5): whose authorisation it works under, and whether it waits for the owner. */
export const integrationJson = (integration: IntegrationView) => ({
  id: integration.id,
  name: integration.name,
  authorized_by_id: integration.authorizedById,
  status: integration.status,
  created_at: integration.createdAt,
  updated_at: integration.updatedAt,
});
