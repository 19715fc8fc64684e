import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../testing/append-sample-log';
import { logPages } from './log-pages';

/** The store, with the positions each `readAll` started after, in the order they were asked. */
const counted = (store: EventStore) => {
  const reads: Array<bigint | undefined> = [];
  const source: Pick<EventStore, 'readAll' | 'headPosition'> = {
    headPosition: store.headPosition,
    readAll: (options) => {
      reads.push(options?.after);
      return store.readAll(options);
    },
  };
  return { source, reads };
};

describe('the log page by page', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = createMemoryEventStore();
    await appendSampleLog(store, { events: 25 });
    // three pages of 10: two full, then the rest
    const head = await store.headPosition()();
    expect(E.isRight(head) && head.right! > 20n && head.right! < 30n).toBe(true);
  });

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('reads the next page while the caller works on this one, unless told not to', async () => {
    for (const readAhead of [true, false]) {
      const { source, reads } = counted(store);
      const pages = logPages(source, { after: undefined, pageSize: 10, readAhead });
      const first = await pages.next();
      await settle();
      expect(first.done).toBe(false);
      // one page in hand: the next one asked for already, or only when the caller comes back
      expect(reads).toEqual(readAhead ? [undefined, 10n] : [undefined]);
      const seen: number[] = [];
      for await (const page of pages) if (E.isRight(page)) seen.push(page.right.events.length);
      expect(seen).toHaveLength(2);
      expect(reads).toEqual([undefined, 10n, 20n]);
    }
  });
});
