import { createHash } from 'node:crypto';
import type { SqlClient } from '@helpdesk/event-store';
import { useSchema } from '../batch-transaction';
import { checkpointsDdl, readCheckpoint, writeCheckpoint, type Checkpoint } from '../checkpoints';
import { fingerprintOf } from '../fingerprint';
import type { Projection } from '../projection';

/** Where a rebuild of one projection builds its tables before they are swapped in. */
export interface Scratch {
  readonly projection: Projection;
  readonly schema: string;
  /** how far an earlier, interrupted rebuild with the same fingerprint got; undefined when fresh */
  readonly checkpoint: Checkpoint;
}

const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 8);

/** `<live>_rb_<projection>_` : every scratch schema of one projection starts so */
const scratchPrefix = (live: string, projection: Projection): string =>
  `${live}_rb_${shortHash(projection.name)}_`;

/**
 * Named after the live schema (so whoever drops it can drop its scratch schemas too), the
 * projection and its fingerprint: a scratch left by a crash is resumed only by the same code.
 */
export const scratchSchemaOf = (live: string, projection: Projection): string =>
  `${scratchPrefix(live, projection)}${fingerprintOf(projection).slice(0, 8)}`;

const dropOtherScratchSchemas = (live: string, projection: Projection, keep: string) =>
  `DO $$ DECLARE s text; BEGIN
     FOR s IN SELECT nspname FROM pg_namespace
              WHERE starts_with(nspname, '${scratchPrefix(live, projection)}') AND nspname <> '${keep}' LOOP
       EXECUTE format('DROP SCHEMA %I CASCADE', s);
     END LOOP;
   END $$;`;

/**
 * Makes the scratch schema ready in one transaction: resumed as it is when an interrupted rebuild
 * of the same fingerprint left one (its rows and checkpoint were committed together), otherwise
 * created with the projection's empty tables. Leftovers of other fingerprints are dropped. The
 * tables are logged as they fill: with the append-only tables loaded by COPY that costs the server
 * less than building them unlogged and rewriting them with their WAL before the swap
 * (docs/performance.md, "Session 7"), and a server crash leaves them as they were committed.
 */
export const prepareScratch = (
  client: SqlClient,
  live: string,
  projection: Projection,
): Promise<Scratch> => {
  const schema = scratchSchemaOf(live, projection);
  return client.transaction(async (session) => {
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `helpdesk.rebuild.${schema}`,
    ]);
    await session.exec(dropOtherScratchSchemas(live, projection, schema));
    const { rows } = await session.query<{ found: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS found`,
      [`${schema}.projection_checkpoints`],
    );
    if (rows[0]?.found === true) {
      const resumed = await readCheckpoint(session, schema, projection.name);
      if (resumed !== undefined) return { projection, schema, checkpoint: resumed.position };
    }
    await session.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await useSchema(session, schema);
    await session.exec(checkpointsDdl);
    await session.exec(projection.schema);
    await writeCheckpoint(session, schema, projection.name, undefined, fingerprintOf(projection));
    return { projection, schema, checkpoint: undefined };
  });
};
