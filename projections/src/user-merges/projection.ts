import { runAll, whenAny } from '../read-model/multi-row';
import type { Projection } from '../runtime/projection';
import { foldMergeBatch } from './fold';
import { userMergesSchema } from './schema';
import { advanceMerges, insertMerges } from './write';

/**
 * `user_merges`: one row per merge with its status and progress. It reads ticket streams too, for
 * the requester changes that measure progress; every other event is skipped.
 */
export const userMergesProjection: Projection = {
  name: 'user_merges',
  filter: { streamPrefixes: ['user-', 'ticket-'] },
  tables: ['user_merges'],
  schema: userMergesSchema,
  apply: async (session, events) => {
    const batch = foldMergeBatch(events);
    // starts first: a merge may start and advance in the same batch
    await runAll(session, [
      whenAny(batch.started, insertMerges),
      whenAny(batch.progress, advanceMerges),
    ]);
  },
};
