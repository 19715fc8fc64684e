import type { AdapterUnderTest } from './adapter-under-test';
import { memoryAdapter } from './memory.adapter';
import { esdbAdapter } from '../esdb/test-server/adapter-under-test';
import { postgresAdapters } from '../postgres/testing/contract-adapters';

/** Every adapter the contract suite runs against; each adapter's folder contributes one entry. */
export const adaptersUnderTest: ReadonlyArray<AdapterUnderTest> = [
  memoryAdapter,
  esdbAdapter(),
  // postgres (PGlite) always, postgres (server) when DATABASE_URL is set
  ...postgresAdapters(),
];
