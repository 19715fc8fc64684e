import type { AdapterUnderTest } from '../../contract/adapter-under-test';
import { storeVariants } from './stores-under-test';

/** The contract suite's view of the PostgreSQL adapter: `postgres (PGlite)`, and `postgres (server)` with DATABASE_URL. */
export const postgresAdapters = (
  env: NodeJS.ProcessEnv = process.env,
): ReadonlyArray<AdapterUnderTest> =>
  storeVariants(env).map((variant) => ({
    name: variant.name,
    open: async () => {
      const { store, dispose } = await variant.open();
      return { store, dispose };
    },
  }));
