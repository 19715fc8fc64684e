import type { SqlClient } from '@helpdesk/event-store';
import { useSchema } from './batch-transaction';
import { checkpointsDdl, checkpointsTable, readCheckpoints } from './checkpoints';
import { fingerprintOf } from './fingerprint';
import type { Projection } from './projection';
import { assertSchemaName } from './schema-name';

export interface InstallReport {
  /** projections whose tables were built from other SQL or another version: rebuild them */
  readonly stale: ReadonlyArray<string>;
}

/** Creates the live schema, the checkpoints table and every projection's tables and views. */
export const installReadModels = (
  client: SqlClient,
  schema: string,
  projections: ReadonlyArray<Projection>,
): Promise<InstallReport> => {
  assertSchemaName(schema);
  return client.transaction(async (session) => {
    // concurrent starters (API and worker) queue here instead of racing on CREATE
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `helpdesk.read_models.install.${schema}`,
    ]);
    await session.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await useSchema(session, schema);
    await session.exec(checkpointsDdl);
    for (const projection of projections) {
      await session.exec(projection.schema);
      if (projection.indexes !== undefined) await session.exec(projection.indexes);
    }
    for (const projection of projections)
      if (projection.views !== undefined) await session.exec(projection.views);
    const known = new Map(
      (await readCheckpoints(session, schema)).map((record) => [record.name, record.fingerprint]),
    );
    for (const projection of projections)
      if (!known.has(projection.name))
        await session.query(
          `INSERT INTO ${schema}.${checkpointsTable} (name, position, fingerprint) VALUES ($1, NULL, $2)`,
          [projection.name, fingerprintOf(projection)],
        );
    return {
      stale: projections
        .filter((p) => known.has(p.name) && known.get(p.name) !== fingerprintOf(p))
        .map((p) => p.name),
    };
  });
};
