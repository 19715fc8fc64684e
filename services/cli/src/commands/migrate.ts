import { installAll } from '../runtime/install';
import { cliLogger } from '../runtime/logger';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';

/**
 * `helpdesk migrate`: brings every store up to this version's schema (the event store, the read
 * models, the credentials, the API's tables, the process managers' state) and exits.
 */
export const runMigrate = async (env: NodeJS.ProcessEnv): Promise<number> => {
  const logger = cliLogger();
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 2 });
  try {
    const installed = await installAll(stores.client, settings);
    logger.info(
      {
        events: stores.description.events,
        read_models: stores.description.readModels,
        stale_read_models: installed.staleReadModels,
      },
      'migrated',
    );
    return 0;
  } finally {
    await stores.close();
  }
};
