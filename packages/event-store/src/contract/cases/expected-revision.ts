import { anEvent, fails, freshStreams, headOf, someEvents, succeeds } from '../fixtures';
import type { StoreUnderTest } from '../fixtures';

/** Each expected-revision mode, its conflict error, and what an append reports. */
export const expectedRevisionContract = (store: StoreUnderTest) => {
  const append = (
    streamName: string,
    count: number,
    expectedRevision?: Parameters<ReturnType<StoreUnderTest>['appendToStream']>[2],
  ) => store().appendToStream(streamName, someEvents(count), expectedRevision);

  describe('appending with an expected revision', () => {
    it('"any" appends to a missing stream and to an existing one', async () => {
      const stream = freshStreams().name('order');
      await succeeds(append(stream, 1, { expectedRevision: 'any' }));
      const result = await succeeds(append(stream, 2, { expectedRevision: 'any' }));
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('no expected revision means "any"', async () => {
      const stream = freshStreams().name('order');
      await succeeds(append(stream, 1));
      expect((await succeeds(append(stream, 1))).nextExpectedRevision).toBe(1n);
    });

    it('"no_stream" creates a stream and refuses one that exists, naming its revision', async () => {
      const stream = freshStreams().name('order');
      expect(
        (await succeeds(append(stream, 2, { expectedRevision: 'no_stream' }))).nextExpectedRevision,
      ).toBe(1n);
      expect(await fails(append(stream, 1, { expectedRevision: 'no_stream' }))).toEqual({
        kind: 'WrongExpectedVersion',
        streamName: stream,
        expected: 'no_stream',
        actual: 1n,
      });
    });

    it('"stream_exists" refuses a missing stream and appends to an existing one', async () => {
      const stream = freshStreams().name('order');
      expect(await fails(append(stream, 1, { expectedRevision: 'stream_exists' }))).toEqual({
        kind: 'WrongExpectedVersion',
        streamName: stream,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      await succeeds(append(stream, 1));
      const result = await succeeds(append(stream, 1, { expectedRevision: 'stream_exists' }));
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('an exact revision appends only when it is the revision of the last event', async () => {
      const stream = freshStreams().name('order');
      expect(await fails(append(stream, 1, { expectedRevision: 0n }))).toEqual({
        kind: 'WrongExpectedVersion',
        streamName: stream,
        expected: 0n,
        actual: 'no_stream',
      });
      await succeeds(append(stream, 3));
      for (const stale of [0n, 1n, 3n])
        expect(await fails(append(stream, 1, { expectedRevision: stale }))).toEqual({
          kind: 'WrongExpectedVersion',
          streamName: stream,
          expected: stale,
          actual: 2n,
        });
      const result = await succeeds(append(stream, 1, { expectedRevision: 2n }));
      expect(result.nextExpectedRevision).toBe(3n);
      expect(await succeeds(store().readStream(stream))).toHaveLength(4);
    });

    it('a refused append writes nothing', async () => {
      const stream = freshStreams().name('order');
      await succeeds(append(stream, 1));
      const head = await headOf(store());
      await fails(append(stream, 2, { expectedRevision: 'no_stream' }));
      await fails(append(stream, 2, { expectedRevision: 5n }));
      expect(await succeeds(store().readStream(stream))).toHaveLength(1);
      expect(await headOf(store())).toBe(head);
    });

    it('reports the next expected revision and the position of the last event appended', async () => {
      const stream = freshStreams().name('order');
      const first = await succeeds(append(stream, 2, { expectedRevision: 'no_stream' }));
      const second = await succeeds(
        append(stream, 3, { expectedRevision: first.nextExpectedRevision }),
      );
      expect(second.nextExpectedRevision).toBe(4n);
      const events = await succeeds(store().readStream(stream));
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(first.position).toBe(events[1]!.globalPosition);
      expect(second.position).toBe(events[4]!.globalPosition);
      expect(await headOf(store())).toBe(second.position);
      const positions = events.map((e) => e.globalPosition);
      positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]!));
    });

    it('positions increase across streams in the order of the appends', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const a = await succeeds(append(streams.name('order', 1), 1));
      const b = await succeeds(append(streams.name('order', 2), 1));
      const c = await succeeds(append(streams.name('order', 1), 1));
      if (before !== undefined) expect(a.position).toBeGreaterThan(before);
      expect(b.position).toBeGreaterThan(a.position);
      expect(c.position).toBeGreaterThan(b.position);
    });
  });

  describe('appending no events only checks the expected revision', () => {
    it('on an existing stream: reports where it is, refuses a stale revision, writes nothing', async () => {
      const stream = freshStreams().name('order');
      const written = await succeeds(append(stream, 2));
      const head = await headOf(store());
      const checked = await succeeds(store().appendToStream(stream, [], { expectedRevision: 1n }));
      expect(checked).toEqual({ nextExpectedRevision: 1n, position: written.position });
      expect(await fails(store().appendToStream(stream, [], { expectedRevision: 0n }))).toEqual({
        kind: 'WrongExpectedVersion',
        streamName: stream,
        expected: 0n,
        actual: 1n,
      });
      expect(
        await fails(store().appendToStream(stream, [], { expectedRevision: 'no_stream' })),
      ).toMatchObject({ kind: 'WrongExpectedVersion', actual: 1n });
      await succeeds(store().appendToStream(stream, [], { expectedRevision: 'stream_exists' }));
      expect(await succeeds(store().readStream(stream))).toHaveLength(2);
      expect(await headOf(store())).toBe(head);
    });

    it('on a missing stream: "no_stream" passes, "stream_exists" fails, the stream stays missing', async () => {
      const stream = freshStreams().name('order');
      await succeeds(store().appendToStream(stream, [], { expectedRevision: 'no_stream' }));
      expect(
        await fails(store().appendToStream(stream, [], { expectedRevision: 'stream_exists' })),
      ).toEqual({
        kind: 'WrongExpectedVersion',
        streamName: stream,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await succeeds(store().readStream(stream))).toEqual([]);
      await succeeds(
        store().appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }),
      );
    });
  });
};
