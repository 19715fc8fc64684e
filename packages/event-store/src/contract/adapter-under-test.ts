import type { EventStore } from '../port';

/**
 * One adapter as the contract suite sees it. `open` gives a store on an empty log; `dispose`
 * closes it and removes whatever it created (a database, a folder, a server).
 */
export interface AdapterUnderTest {
  readonly name: string;
  readonly open: () => Promise<{
    readonly store: EventStore;
    readonly dispose: () => Promise<void>;
  }>;
}
