import { installApiTables } from '@helpdesk/api';
import type { SqlClient } from '@helpdesk/event-store';
import {
  allProjections,
  installCredentials,
  installOutbox,
  installReadModels,
} from '@helpdesk/projections';
import { installProcessState } from '@helpdesk/worker';
import type { Settings } from './settings';

/**
 * Creates what is missing: the read models, the credentials table, the API's tables (idempotency
 * keys) and the process managers' state. The event store migrates itself when it is opened.
 * Every step is idempotent, so `migrate` and each start run it.
 */
export const installAll = async (client: SqlClient, settings: Settings) => {
  const readModels = await installReadModels(client, settings.readModelSchema, allProjections);
  await installCredentials(client);
  await installOutbox(client);
  await installApiTables(client);
  await installProcessState(client, settings.processSchema);
  return { staleReadModels: readModels.stale };
};
