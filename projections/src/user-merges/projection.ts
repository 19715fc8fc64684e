import { runAll, whenAny } from '../read-model/multi-row';
import { applyByBatch, type Batch, type Projection } from '../runtime/projection';
import { mergeFold } from './fold';
import { userMergesSchema } from './schema';
import { advanceMerges, insertMerges } from './write';

const mergesBatch = (): Batch => {
  const fold = mergeFold();
  return {
    add: fold.add,
    write: async (session) => {
      const batch = fold.batch();
      // starts first: a merge may start and advance in the same batch
      await runAll(session, [
        whenAny(batch.started, insertMerges),
        whenAny(batch.progress, advanceMerges),
      ]);
    },
  };
};

/**
 * `user_merges`: one row per merge with its status and progress. It reads ticket streams too, for
 * the requester changes that measure progress; every other event is skipped.
 */
export const userMergesProjection: Projection = {
  name: 'user_merges',
  filter: { streamPrefixes: ['user-', 'ticket-'] },
  tables: ['user_merges'],
  schema: userMergesSchema,
  apply: applyByBatch(mergesBatch),
  batch: mergesBatch,
};
