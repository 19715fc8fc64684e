import * as E from 'fp-ts/Either';
import type { AppendResult, StoreError } from '../../port';
import { anEvent, freshStreams, someEvents, succeeds } from '../fixtures';
import type { StoreUnderTest } from '../fixtures';

const winnersAndLosers = (results: ReadonlyArray<E.Either<StoreError, AppendResult>>) => ({
  winners: results.flatMap((r, i) => (E.isRight(r) ? [i] : [])),
  losers: results.flatMap((r) => (E.isLeft(r) ? [r.left] : [])),
});

/** Many writers at once: each append stays atomic and the expected revision decides who wins. */
export const concurrencyContract = (store: StoreUnderTest) => {
  describe('appending to many streams at once', () => {
    it('commits every request but the conflicting one, and answers in request order', async () => {
      const streams = freshStreams();
      const [fresh, stale, existing] = [1, 2, 3].map((n) => streams.name('order', n)) as [
        string,
        string,
        string,
      ];
      await succeeds(store().appendToStream(stale, someEvents(2)));
      await succeeds(store().appendToStream(existing, someEvents(1)));
      const results = await store().appendMany([
        { streamName: fresh, events: someEvents(2), expectedRevision: 'no_stream' },
        { streamName: stale, events: someEvents(1), expectedRevision: 0n },
        { streamName: existing, events: someEvents(3), expectedRevision: 0n },
      ])();
      expect(results).toHaveLength(3);
      expect(results[0]).toEqual(E.right(expect.objectContaining({ nextExpectedRevision: 1n })));
      expect(results[1]).toEqual(
        E.left({ kind: 'WrongExpectedVersion', streamName: stale, expected: 0n, actual: 1n }),
      );
      expect(results[2]).toEqual(E.right(expect.objectContaining({ nextExpectedRevision: 3n })));
      const lastPosition = async (stream: string) => {
        const events = await succeeds(store().readStream(stream));
        return { count: events.length, position: events[events.length - 1]!.globalPosition };
      };
      const positionOf = (result: E.Either<StoreError, AppendResult> | undefined) =>
        result !== undefined && E.isRight(result) ? result.right.position : undefined;
      expect(await lastPosition(fresh)).toEqual({ count: 2, position: positionOf(results[0]) });
      expect((await lastPosition(stale)).count).toBe(2);
      expect(await lastPosition(existing)).toEqual({ count: 4, position: positionOf(results[2]) });
    });

    it('answers an empty batch with no results', async () => {
      expect(await store().appendMany([])()).toEqual([]);
    });
  });

  describe('concurrent appends to one stream', () => {
    it('with the same expected revision: exactly one of 100 wins, the others conflict', async () => {
      const stream = freshStreams().name('order');
      await succeeds(store().appendToStream(stream, [anEvent('Opened')]));
      const attempts = Array.from({ length: 100 }, (_, n) => [
        anEvent('Attempted', { n, part: 1 }),
        anEvent('Attempted', { n, part: 2 }),
      ]);
      const results = await Promise.all(
        attempts.map((events) =>
          store().appendToStream(stream, events, { expectedRevision: 0n })(),
        ),
      );
      const { winners, losers } = winnersAndLosers(results);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(99);
      for (const loser of losers)
        expect(loser).toEqual({
          kind: 'WrongExpectedVersion',
          streamName: stream,
          expected: 0n,
          actual: 2n,
        });
      const events = await succeeds(store().readStream(stream));
      expect(events.map((e) => e.id)).toEqual([
        events[0]!.id,
        ...attempts[winners[0]!]!.map((e) => e.id),
      ]);
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    });

    it('creating a stream: exactly one of 100 "no_stream" appends wins', async () => {
      const stream = freshStreams().name('claim');
      const attempts = Array.from({ length: 100 }, (_, n) => anEvent('Claimed', { n }));
      const results = await Promise.all(
        attempts.map((event) =>
          store().appendToStream(stream, [event], { expectedRevision: 'no_stream' })(),
        ),
      );
      const { winners, losers } = winnersAndLosers(results);
      expect(winners).toHaveLength(1);
      expect(losers.every((l) => l.kind === 'WrongExpectedVersion' && l.actual === 0n)).toBe(true);
      const events = await succeeds(store().readStream(stream));
      expect(events.map((e) => e.id)).toEqual([attempts[winners[0]!]!.id]);
    });
  });
};
