import type { SqlSession } from '@helpdesk/event-store';
import { useSchema } from '../batch-transaction';
import { lockCheckpoint, readCheckpoint, writeCheckpoint } from '../checkpoints';
import { fingerprintOf } from '../fingerprint';
import type { Projection } from '../projection';
import type { Scratch } from './scratch';

/**
 * Inside the caller's transaction, with the live checkpoints already locked: replaces each
 * projection's live tables by its scratch tables, hands the scratch checkpoint to the live one,
 * drops the scratch schemas and recreates every view (a dropped table takes its views along,
 * those of other projections included). Readers see the old tables until the commit, then the new.
 */
export const swapIn = async (
  session: SqlSession,
  live: string,
  scratches: ReadonlyArray<Scratch>,
  allProjections: ReadonlyArray<Projection>,
): Promise<void> => {
  for (const scratch of scratches) {
    const { projection } = scratch;
    const built = await readCheckpoint(session, scratch.schema, projection.name);
    for (const table of projection.tables)
      await session.exec(
        `DROP TABLE IF EXISTS ${live}.${table} CASCADE;
         ALTER TABLE ${scratch.schema}.${table} SET SCHEMA ${live};`,
      );
    await writeCheckpoint(
      session,
      live,
      projection.name,
      built?.position,
      fingerprintOf(projection),
    );
    await session.exec(`DROP SCHEMA ${scratch.schema} CASCADE`);
  }
  await useSchema(session, live);
  for (const projection of allProjections)
    if (projection.views !== undefined) await session.exec(projection.views);
};

/** Locks the live checkpoints of the projections being swapped: their live writers wait for the swap. */
export const lockLiveCheckpoints = async (
  session: SqlSession,
  live: string,
  scratches: ReadonlyArray<Scratch>,
): Promise<void> => {
  for (const scratch of scratches) await lockCheckpoint(session, live, scratch.projection.name);
};
