import type { SqlClient } from '@helpdesk/event-store';
import { useSchema } from '../batch-transaction';
import type { Scratch } from './scratch';

/**
 * Readies built scratch tables for the swap, each scratch in a transaction of its own so that the
 * server works on several at once: the readers' indexes are built on the loaded rows. Scratch
 * tables are logged from the start; `SET LOGGED` is a no-op for them and still makes durable the
 * unlogged tables of a scratch that an older version began and this one resumes. It runs before the swap transaction, so the live
 * tables are not locked meanwhile; a rebuild interrupted here resumes (each step is a no-op the
 * second time).
 */
export const finishScratches = async (
  client: SqlClient,
  scratches: ReadonlyArray<Scratch>,
): Promise<void> => {
  const finished = await Promise.allSettled(
    scratches.map((scratch) =>
      client.transaction(async (session) => {
        await useSchema(session, scratch.schema);
        for (const table of scratch.projection.tables)
          await session.exec(`ALTER TABLE ${table} SET LOGGED`);
        if (scratch.projection.indexes !== undefined)
          await session.exec(scratch.projection.indexes);
      }),
    ),
  );
  const failed = finished.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
};
