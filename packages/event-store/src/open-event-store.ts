import { join } from 'node:path';
import { chainedEventStore } from './chain';
import { openEsdbEventStore } from './esdb';
import { createMemoryEventStore } from './memory';
import type { EventStore } from './port';
import { openPgEventStore, openPgliteEventStore } from './postgres';

/** The variables `openEventStore` reads (see the architecture's runtime configuration). */
export interface EventStoreEnv {
  /** `postgres://…` or `postgresql://…`, `esdb://…`, `memory:`; the embedded store when unset */
  readonly EVENT_STORE_URL?: string;
  /** where the embedded store keeps its files, in an `events` sub-folder; `./.helpdesk` when unset */
  readonly HELPDESK_DATA_DIR?: string;
}

export type EventStoreChoice =
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'embedded'; readonly dataDir: string };

/** Which store the environment asks for; an address of an unknown kind is a startup error. */
export const chooseEventStore = (env: EventStoreEnv): EventStoreChoice => {
  const url = env.EVENT_STORE_URL?.trim() ?? '';
  if (url === '')
    return { kind: 'embedded', dataDir: join(env.HELPDESK_DATA_DIR || './.helpdesk', 'events') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', connectionString: url };
  if (/^esdb(\+discover)?:\/\//i.test(url)) return { kind: 'esdb', connectionString: url };
  if (url.toLowerCase() === 'memory:') return { kind: 'memory' };
  throw new Error(
    `EVENT_STORE_URL must start with postgres://, postgresql://, esdb:// or be memory: (got "${url.split(':')[0]}:…")`,
  );
};

const openChosen = async (choice: EventStoreChoice): Promise<EventStore> => {
  switch (choice.kind) {
    case 'postgres':
      return openPgEventStore({ connectionString: choice.connectionString });
    case 'esdb':
      return openEsdbEventStore(choice.connectionString);
    case 'memory':
      return createMemoryEventStore();
    case 'embedded':
      return openPgliteEventStore({ dataDir: choice.dataDir });
    default: {
      const _exhaustive: never = choice;
      return _exhaustive;
    }
  }
};

/**
 * Opens the event store the environment names: a PostgreSQL server, EventStoreDB, the in-memory
 * store (tests and demos: nothing survives the process), or by default the embedded PostgreSQL
 * (PGlite) kept under `HELPDESK_DATA_DIR/events`. Every event appended through it is hash-chained
 * to the one before it in its stream (`chainedEventStore`).
 */
export const openEventStore = async (
  env: EventStoreEnv = process.env as EventStoreEnv,
): Promise<EventStore> => chainedEventStore(await openChosen(chooseEventStore(env)));
