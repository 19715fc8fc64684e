import { createHash } from 'node:crypto';
import type { Projection } from './projection';

/**
 * What the rows of a projection depend on besides the log: its tables, its SQL and its version.
 * Two builds with one fingerprint can be mixed (resuming a rebuild); with two, they cannot.
 */
export const fingerprintOf = (projection: Projection): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        projection.name,
        projection.version ?? 0,
        projection.tables,
        projection.schema,
        projection.views ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 16);
