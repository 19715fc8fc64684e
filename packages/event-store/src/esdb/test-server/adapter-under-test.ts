import type { AdapterUnderTest } from '../../contract/adapter-under-test';
import { openEsdbEventStore } from '../esdb-event-store';
import { startEsdbTestServer } from './server';

/**
 * The EventStoreDB adapter for the contract suite: the real client against a real server when
 * `ESDB_CONNECTION_STRING` names one, else against the in-process test server.
 */
export const esdbAdapter = (
  connectionString = process.env.ESDB_CONNECTION_STRING,
): AdapterUnderTest =>
  connectionString
    ? {
        name: 'eventstoredb (real)',
        open: async () => {
          const store = openEsdbEventStore(connectionString);
          return { store, dispose: () => store.close() };
        },
      }
    : {
        name: 'eventstoredb (test server)',
        open: async () => {
          const server = await startEsdbTestServer();
          const store = openEsdbEventStore(server.connectionString);
          return {
            store,
            dispose: async () => {
              await store.close();
              await server.stop();
            },
          };
        },
      };
