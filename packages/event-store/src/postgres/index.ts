export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { openPgEventStore, type PgEventStoreOptions } from './open-pg-event-store';
export {
  createPglite,
  openPgliteEventStore,
  type PgliteEventStoreOptions,
} from './open-pglite-event-store';
export type { OpenOptions } from './open-options';
export { poolClient, type SqlClient, type SqlSession } from './sql-client';
export { loadMigrations, migrate, type Migration } from './migrations';
export { SchemaName } from './schema-name';
export { binaryCopySignature } from './event-copy';
