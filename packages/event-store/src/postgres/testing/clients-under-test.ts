import { Pool } from 'pg';
import { migrate } from '../migrations';
import type { SchemaName } from '../schema-name';
import { pgliteClient } from '../pglite-client';
import { poolClient, type SqlClient } from '../sql-client';
import { freshSchemaName } from './fresh-schema';
import { serverUrl } from './server-url';
import { sharedPglite } from './shared-pglite';
import { dropSchema } from './stores-under-test';

export interface MigratedClient {
  readonly client: SqlClient;
  readonly schema: SchemaName;
  readonly dispose: () => Promise<void>;
}

export interface ClientVariant {
  readonly name: string;
  /** a SQL client and a fresh, migrated schema, for tests that build a store from its parts */
  readonly open: () => Promise<MigratedClient>;
}

export const pgliteClientVariant: ClientVariant = {
  name: 'postgres (PGlite)',
  open: async () => {
    const { db, release } = await sharedPglite();
    const schema = freshSchemaName() as SchemaName;
    await migrate(db, schema);
    return {
      client: pgliteClient(db),
      schema,
      dispose: async () => {
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
        await release();
      },
    };
  },
};

export const serverClientVariant = (connectionString: string): ClientVariant => ({
  name: 'postgres (server)',
  open: async () => {
    const pool = new Pool({ connectionString });
    const schema = freshSchemaName() as SchemaName;
    const client = poolClient(pool);
    await migrate(client, schema);
    return {
      client,
      schema,
      dispose: async () => {
        await pool.end();
        await dropSchema(connectionString, schema);
      },
    };
  },
});

/** PGlite always; the server too when `DATABASE_URL` is set. */
export const clientVariants = (
  env: NodeJS.ProcessEnv = process.env,
): ReadonlyArray<ClientVariant> => {
  const url = serverUrl(env);
  return url === undefined
    ? [pgliteClientVariant]
    : [pgliteClientVariant, serverClientVariant(url)];
};

/**
 * Counts the `append_events` calls a client makes (one call is one statement and one commit), and
 * the COPYs it runs.
 */
export const countingAppendCalls = (client: SqlClient) => {
  let calls = 0;
  let copies = 0;
  // methods named one by one: PGlite's live on its prototype, which a spread would drop
  const counting: SqlClient = {
    query: (text, params) => {
      if (text.includes('append_events(')) calls += 1;
      return client.query(text, params);
    },
    exec: (script) => client.exec(script),
    transaction: (work) => client.transaction(work),
    // the store reads the log by COPY where the client has it: the tests read as production does
    ...(client.copyOut === undefined
      ? {}
      : {
          copyOut: (query, onBytes) => {
            copies += 1;
            return client.copyOut!(query, onBytes);
          },
        }),
  };
  return { client: counting, calls: () => calls, copies: () => copies };
};
