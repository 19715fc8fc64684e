import Module from 'node:module';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { poolClient, type SqlClient, type SqlSession } from '@helpdesk/event-store';

/**
 * A fresh, isolated read-model database for one test. Its `client` resolves unqualified names in
 * `schema`, a schema no other test uses; pass `schema` to the projection runtime as the live schema.
 * Rebuilds create their scratch schemas with `schema` as a prefix, so `dispose` drops them as well.
 */
export interface TestDatabase {
  readonly engine: 'postgres' | 'pglite';
  readonly client: SqlClient;
  readonly schema: string;
  readonly dispose: () => Promise<void>;
}

interface PGliteHost {
  readonly sharedPGlite: () => Promise<PGlite>;
  readonly session: { searchPath: string | undefined };
}

let opened = 0;

/** lower-case, unquoted, unique in this process and very likely across processes */
const freshSchemaName = (): string =>
  `rm_${process.pid}_${++opened}_${Math.random().toString(36).slice(2, 8)}`;

const dropSchemasOf = (client: SqlSession, schema: string) =>
  client.exec(
    `DO $$ DECLARE s text; BEGIN
       FOR s IN SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '${schema}') LOOP
         EXECUTE format('DROP SCHEMA %I CASCADE', s);
       END LOOP;
     END $$;`,
  );

const openOnPostgres = async (url: string): Promise<TestDatabase> => {
  const schema = freshSchemaName();
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const client = poolClient(pool);
  return {
    engine: 'postgres',
    client,
    schema,
    dispose: async () => {
      await dropSchemasOf(client, schema);
      await pool.end();
    },
  };
};

/** Node's own `require`: jest's would load PGlite inside the test's sandbox. */
const nodeRequire = (path: string): unknown =>
  (Module as unknown as { _load: (request: string, parent: null) => unknown })._load(path, null);

const loadHost = (): PGliteHost =>
  nodeRequire(join(__dirname, '..', '..', 'src', 'testing', 'pglite-host.cjs')) as PGliteHost;

const tagOf = (u: unknown): string => Object.prototype.toString.call(u);

/**
 * PGlite lives outside the test's sandbox, so its rows are objects of another realm: `instanceof
 * Date` fails on them and `toStrictEqual` sees foreign prototypes. Rows are copied into this realm.
 */
const intoThisRealm = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Array.from(value, intoThisRealm);
  switch (tagOf(value)) {
    case '[object Date]':
      return new Date((value as Date).getTime());
    case '[object Uint8Array]':
      return Uint8Array.from(value as Uint8Array);
    default:
      return Object.fromEntries(
        Object.entries(value).map(([key, field]) => [key, intoThisRealm(field)]),
      );
  }
};

/** PGlite's serializers test `instanceof Date` in their own realm. */
const paramsForPGlite = (params: unknown[] | undefined): unknown[] | undefined =>
  params?.map((param) =>
    tagOf(param) === '[object Date]' ? (param as Date).toISOString() : param,
  );

const sessionOver = (target: {
  query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec: (script: string) => Promise<unknown>;
}): SqlSession => ({
  query: async <Row>(text: string, params?: unknown[]) => {
    const { rows } = await target.query(text, paramsForPGlite(params));
    return { rows: intoThisRealm(rows) as Row[] };
  },
  exec: (script) => target.exec(script),
});

const openOnPGlite = async (): Promise<TestDatabase> => {
  const host = loadHost();
  const pglite = await host.sharedPGlite();
  const schema = freshSchemaName();
  await pglite.exec(`CREATE SCHEMA ${schema}`);
  // one session serves every test of the process, one after the other: point it at ours first
  const inSchema = async () => {
    if (host.session.searchPath === schema) return;
    await pglite.exec(`SET search_path TO ${schema}`);
    host.session.searchPath = schema;
  };
  const direct = sessionOver(pglite);
  const client: SqlClient = {
    query: async (text, params) => {
      await inSchema();
      return direct.query(text, params);
    },
    exec: async (script) => {
      await inSchema();
      return direct.exec(script);
    },
    transaction: async (work) => {
      await inSchema();
      return pglite.transaction((transaction) => work(sessionOver(transaction)));
    },
  };
  return {
    engine: 'pglite',
    client,
    schema,
    dispose: async () => {
      await dropSchemasOf(pglite, schema);
      await pglite.exec('SET search_path TO public');
      host.session.searchPath = undefined;
    },
  };
};

/** On PostgreSQL when `DATABASE_URL` is set, otherwise on this process's one shared PGlite. */
export const openTestDatabase = (): Promise<TestDatabase> => {
  const url = process.env['DATABASE_URL'];
  return url !== undefined && url !== '' ? openOnPostgres(url) : openOnPGlite();
};
