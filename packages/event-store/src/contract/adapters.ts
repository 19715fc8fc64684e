import type { AdapterUnderTest } from './adapter-under-test';

/** Every adapter the contract suite runs against; each adapter's folder contributes one entry. */
export const adaptersUnderTest: ReadonlyArray<AdapterUnderTest> = [];
