import { createMemoryEventStore } from '../memory';
import type { AdapterUnderTest } from './adapter-under-test';

export const memoryAdapter: AdapterUnderTest = {
  name: 'memory',
  open: async () => {
    const store = createMemoryEventStore();
    return { store, dispose: () => store.close() };
  },
};
