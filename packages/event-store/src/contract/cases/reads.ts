import type { RecordedEvent } from '../../port';
import { anEvent, freshStreams, headOf, someEvents, succeeds } from '../fixtures';
import type { StoreUnderTest } from '../fixtures';

const ns = (events: ReadonlyArray<RecordedEvent>) => events.map((e) => (e.data as { n: number }).n);
const revisions = (events: ReadonlyArray<RecordedEvent>) => events.map((e) => e.revision);

/** Reading one stream and reading the whole log. */
export const readsContract = (store: StoreUnderTest) => {
  describe('reading a stream', () => {
    const fiveEvents = async () => {
      const stream = freshStreams().name('order');
      await succeeds(store().appendToStream(stream, someEvents(3)));
      await succeeds(
        store().appendToStream(
          stream,
          someEvents(2).map((e, i) => ({ ...e, data: { n: 3 + i } })),
        ),
      );
      return stream;
    };

    it('reads a missing stream as no events, in both directions', async () => {
      const stream = freshStreams().name('order');
      expect(await succeeds(store().readStream(stream))).toEqual([]);
      expect(await succeeds(store().readStream(stream, { direction: 'backwards' }))).toEqual([]);
    });

    it('reads forwards from the first event', async () => {
      const stream = await fiveEvents();
      const events = await succeeds(store().readStream(stream));
      expect(ns(events)).toEqual([0, 1, 2, 3, 4]);
      expect(revisions(events)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events.every((e) => e.streamName === stream)).toBe(true);
    });

    it('reads backwards from the last event', async () => {
      const stream = await fiveEvents();
      const events = await succeeds(store().readStream(stream, { direction: 'backwards' }));
      expect(revisions(events)).toEqual([4n, 3n, 2n, 1n, 0n]);
    });

    it('reads from a revision, inclusive, in either direction', async () => {
      const stream = await fiveEvents();
      const forwards = await succeeds(store().readStream(stream, { fromRevision: 2n }));
      expect(revisions(forwards)).toEqual([2n, 3n, 4n]);
      const backwards = await succeeds(
        store().readStream(stream, { direction: 'backwards', fromRevision: 2n }),
      );
      expect(revisions(backwards)).toEqual([2n, 1n, 0n]);
      expect(await succeeds(store().readStream(stream, { fromRevision: 5n }))).toEqual([]);
    });

    it('reads at most maxCount events', async () => {
      const stream = await fiveEvents();
      const page = await succeeds(store().readStream(stream, { fromRevision: 1n, maxCount: 2 }));
      expect(revisions(page)).toEqual([1n, 2n]);
      const last = await succeeds(
        store().readStream(stream, { direction: 'backwards', maxCount: 1 }),
      );
      expect(revisions(last)).toEqual([4n]);
    });
  });

  describe('reading the whole log', () => {
    it('reads events strictly after a position, in global order, page by page', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const appended = [
        [streams.name('order', 1), anEvent('A')],
        [streams.name('order', 2), anEvent('B')],
        [streams.name('order', 1), anEvent('C')],
        [streams.name('ticket', 1), anEvent('D')],
        [streams.name('order', 2), anEvent('E')],
      ] as const;
      for (const [stream, event] of appended)
        await succeeds(store().appendToStream(stream, [event]));

      const read: RecordedEvent[] = [];
      let after = before;
      // bounded, so that an adapter that never reaches the end fails instead of looping
      for (let pages = 0; pages < 10; pages++) {
        const page = await succeeds(
          store().readAll({ after, maxCount: 2, filter: { streamPrefixes: [streams.root] } }),
        );
        expect(page.length).toBeLessThanOrEqual(2);
        if (page.length === 0) break;
        read.push(...page);
        after = page[page.length - 1]!.globalPosition;
      }
      expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(read.map((e) => e.streamName)).toEqual(appended.map(([stream]) => stream));
      read
        .slice(1)
        .forEach((e, i) => expect(e.globalPosition).toBeGreaterThan(read[i]!.globalPosition));
      if (before !== undefined) expect(read[0]!.globalPosition).toBeGreaterThan(before);

      const fromThird = await succeeds(
        store().readAll({
          after: read[2]!.globalPosition,
          filter: { streamPrefixes: [streams.root] },
        }),
      );
      expect(fromThird.map((e) => e.type)).toEqual(['D', 'E']);
    });

    it('reads every stream without a filter', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      await succeeds(store().appendToStream(streams.name('order'), [anEvent('A')]));
      await succeeds(store().appendToStream(streams.name('ticket'), [anEvent('B')]));
      const all = await succeeds(store().readAll({ after: before }));
      const ours = all.filter((e) => e.streamName.startsWith(streams.root));
      expect(ours.map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('keeps only the streams that start with one of the prefixes', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      await succeeds(store().appendToStream(streams.name('order', 1), [anEvent('O1')]));
      await succeeds(store().appendToStream(streams.name('ticket', 1), [anEvent('T1')]));
      await succeeds(store().appendToStream(streams.name('user', 1), [anEvent('U1')]));
      await succeeds(store().appendToStream(streams.name('order', 2), [anEvent('O2')]));
      const prefixes = [`${streams.root}order-`, `${streams.root}user-`];
      const read = await succeeds(
        store().readAll({ after: before, filter: { streamPrefixes: prefixes } }),
      );
      expect(read.map((e) => e.type)).toEqual(['O1', 'U1', 'O2']);
      const one = await succeeds(
        store().readAll({
          after: before,
          maxCount: 1,
          filter: { streamPrefixes: [`${streams.root}ticket-`] },
        }),
      );
      expect(one.map((e) => e.type)).toEqual(['T1']);
    });

    it('reads nothing after the head', async () => {
      await succeeds(store().appendToStream(freshStreams().name('order'), [anEvent()]));
      const head = await headOf(store());
      expect(await succeeds(store().readAll({ after: head }))).toEqual([]);
    });
  });
};
