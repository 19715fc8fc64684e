import { isOrganizationEvent } from '../read-model/events';
import { runAll, whenAny } from '../read-model/multi-row';
import type { Projection } from '../runtime/projection';
import { foldOrganizationBatch } from './fold';
import { organizationsSchema } from './schema';
import { insertOrganizations, updateOrganizations } from './write';

/** `organizations`: name, domains (R6.4) and whether it was removed (R2.9). */
export const organizationsProjection: Projection = {
  name: 'organizations',
  filter: { streamPrefixes: ['organization-'] },
  tables: ['organizations'],
  schema: organizationsSchema,
  apply: async (session, events) => {
    const batch = foldOrganizationBatch(events.filter(isOrganizationEvent));
    await runAll(session, [
      whenAny(batch.created, insertOrganizations),
      whenAny(batch.changed, updateOrganizations),
    ]);
  },
};
