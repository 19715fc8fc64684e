import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { createPglite } from '../open-pglite-event-store';

export interface SharedPglite {
  readonly db: PGlite;
  /** gives the instance back; the last user to give it back closes it */
  readonly release: () => Promise<void>;
}

let instance: Promise<PGlite> | undefined;
let users = 0;

/**
 * One in-memory PGlite for every store a test file opens: an instance costs about 730 MB, a schema
 * almost nothing. Jest gives each test file its own module registry, so it is shared within one
 * file. It is closed when its last user releases it, or jest would wait for it after the tests; a
 * test file that opens stores one after another holds it for the whole file (`holdSharedPglite`).
 */
export const sharedPglite = async (): Promise<SharedPglite> => {
  users += 1;
  const current = (instance ??= createPglite());
  const db = await current;
  let released = false;
  return {
    db,
    release: async () => {
      if (released) return;
      released = true;
      users -= 1;
      if (users > 0) return;
      instance = undefined;
      await db.close();
    },
  };
};

/** Keeps this file's PGlite open from `beforeAll` to `afterAll`. */
export const holdSharedPglite = (): void => {
  let held: SharedPglite | undefined;
  beforeAll(async () => {
    held = await sharedPglite();
  });
  afterAll(async () => {
    await held?.release();
  });
};
