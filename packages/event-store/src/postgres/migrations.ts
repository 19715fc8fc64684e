import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SchemaName } from './schema-name';
import type { SqlClient } from './sql-client';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The plain SQL files beside this module. Resolved through the package's `src` folder so the same
 * path works from `src/postgres` (jest) and from `dist/postgres` (tsc copies no `.sql` files).
 */
export const migrationsFolder = resolve(__dirname, '..', '..', 'src', 'postgres', 'migrations');

const fileName = /^(\d+)-([a-z0-9-]+)\.sql$/;

/** Every `NNN-name.sql` file in the folder, by version; two files with one version are an error. */
export const loadMigrations = (folder: string = migrationsFolder): ReadonlyArray<Migration> => {
  const migrations = readdirSync(folder)
    .map((file) => ({ file, match: fileName.exec(file) }))
    .filter(({ match }) => match !== null)
    .map(({ file, match }) => ({
      version: Number(match![1]),
      name: match![2]!,
      sql: readFileSync(join(folder, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (index > 0 && migrations[index - 1]!.version === migration.version)
      throw new Error(`two event-store migrations have version ${migration.version}`);
  });
  return migrations;
};

/**
 * Brings the schema up to date in one transaction: creates it, then applies each migration it has
 * not recorded yet, in version order. Concurrent openers queue on an advisory lock, so each
 * migration runs once; running it again on an up-to-date schema changes nothing.
 */
export const migrate = (
  client: SqlClient,
  schema: SchemaName,
  migrations: ReadonlyArray<Migration> = loadMigrations(),
): Promise<ReadonlyArray<number>> =>
  client.transaction(async (session) => {
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      'helpdesk.event_store.migrate',
    ]);
    await session.exec(
      `CREATE SCHEMA IF NOT EXISTS ${schema};
       CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
         version int PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       );
       SET LOCAL search_path TO ${schema};`,
    );
    const { rows } = await session.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migrations`,
    );
    const applied = new Set(rows.map((row) => Number(row.version)));
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
    }
    return pending.map((migration) => migration.version);
  });
