import type { EventToAppend, RecordedEvent, Subscription } from '../../port';
import { anEvent, freshStreams, headOf, someEvents, succeeds } from '../fixtures';
import type { StoreUnderTest } from '../fixtures';
import { readSubscription } from '../subscription-reader';

const ids = (events: ReadonlyArray<{ readonly id: string }>) => events.map((e) => e.id);

const expectIncreasing = (events: ReadonlyArray<RecordedEvent>) =>
  events
    .slice(1)
    .forEach((e, i) => expect(e.globalPosition).toBeGreaterThan(events[i]!.globalPosition));

/** Catch-up then live, exactly once, in order, from a checkpoint. */
export const subscriptionsContract = (store: StoreUnderTest) => {
  describe('subscribing to the log', () => {
    const open: Subscription[] = [];
    const subscribe = (...args: Parameters<ReturnType<StoreUnderTest>['subscribeToAll']>) => {
      const subscription = store().subscribeToAll(...args);
      open.push(subscription);
      return subscription;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('delivers the past, then caught_up, then live events, each once and in order', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const past = someEvents(3);
      await succeeds(store().appendToStream(streams.name('order', 1), past.slice(0, 2)));
      await succeeds(store().appendToStream(streams.name('order', 2), past.slice(2)));
      const reader = readSubscription(
        subscribe({ after: before, filter: { streamPrefixes: [streams.root] } }),
      );
      const catchUp = await reader.take(4);
      expect(catchUp.map((m) => m.kind)).toEqual(['event', 'event', 'event', 'caught_up']);
      const caughtUp = catchUp.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
      expect(ids(caughtUp)).toEqual(ids(past));

      const live = someEvents(2);
      await succeeds(store().appendToStream(streams.name('order', 2), live.slice(0, 1)));
      await succeeds(store().appendToStream(streams.name('order', 3), live.slice(1)));
      const delivered = await reader.takeEvents(2);
      expect(ids(delivered)).toEqual(ids(live));
      expect(delivered.map((e) => e.streamName)).toEqual([
        streams.name('order', 2),
        streams.name('order', 3),
      ]);
      expectIncreasing([...caughtUp, ...delivered]);
      await reader.expectNothingFor(150);
    });

    it('leaves no gap and no duplicate when events are appended while it catches up', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const written: EventToAppend[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const events = someEvents(5);
        written.push(...events);
        await succeeds(store().appendToStream(streams.name('order', batch % 3), events));
      }
      const reader = readSubscription(
        subscribe({ after: before, filter: { streamPrefixes: [streams.root] } }),
      );
      const first = await reader.takeEvents(4);
      const during = Array.from({ length: 10 }, () => anEvent());
      written.push(...during);
      const appending = Promise.all(
        during.map((event, n) => store().appendToStream(streams.name('ticket', n % 2), [event])()),
      );
      const rest = await reader.take(written.length - first.length + 1, 5000);
      await appending;
      const events = [...first, ...rest.flatMap((m) => (m.kind === 'event' ? [m.event] : []))];
      expect(rest.filter((m) => m.kind === 'caught_up')).toHaveLength(1);
      expect(new Set(ids(events)).size).toBe(events.length);
      expect(new Set(ids(events))).toEqual(new Set(ids(written)));
      expect(ids(events.slice(0, 30))).toEqual(ids(written.slice(0, 30)));
      expectIncreasing(events);
      await reader.expectNothingFor(150);
    });

    it('resumes strictly after a checkpoint', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const events = someEvents(4);
      await succeeds(store().appendToStream(streams.name('order'), events));
      const filter = { streamPrefixes: [streams.root] };
      const firstRun = readSubscription(subscribe({ after: before, filter }));
      const delivered = await firstRun.takeEvents(2);
      const checkpoint = delivered[1]!.globalPosition;

      const resumed = readSubscription(subscribe({ after: checkpoint, filter }));
      const messages = await resumed.take(3);
      expect(messages.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual([
        ...ids(events.slice(2)),
        'caught_up',
      ]);
    });

    it('starts at the beginning of the log without a checkpoint', async () => {
      const streams = freshStreams();
      const events = someEvents(2);
      await succeeds(store().appendToStream(streams.name('order'), events));
      const reader = readSubscription(subscribe({ filter: { streamPrefixes: [streams.root] } }));
      const messages = await reader.take(3);
      expect(messages.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual([
        ...ids(events),
        'caught_up',
      ]);
    });

    it('says caught_up at once when there is nothing to catch up on', async () => {
      const streams = freshStreams();
      await succeeds(store().appendToStream(freshStreams().name('order'), [anEvent()]));
      const reader = readSubscription(
        subscribe({ after: await headOf(store()), filter: { streamPrefixes: [streams.root] } }),
      );
      expect(await reader.take(1)).toEqual([{ kind: 'caught_up' }]);
      const live = anEvent();
      await succeeds(store().appendToStream(streams.name('order'), [live]));
      expect(ids(await reader.takeEvents(1))).toEqual([live.id]);
    });

    it('delivers only the streams of its filter, before and after catching up', async () => {
      const streams = freshStreams();
      const before = await headOf(store());
      const wanted = [anEvent('Wanted'), anEvent('Wanted')];
      await succeeds(store().appendToStream(streams.name('ticket'), [anEvent('Unwanted')]));
      await succeeds(store().appendToStream(streams.name('order'), [wanted[0]!]));
      const reader = readSubscription(
        subscribe({ after: before, filter: { streamPrefixes: [`${streams.root}order-`] } }),
      );
      const catchUp = await reader.take(2);
      expect(catchUp.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual([
        wanted[0]!.id,
        'caught_up',
      ]);
      await succeeds(store().appendToStream(streams.name('ticket'), [anEvent('Unwanted')]));
      await succeeds(store().appendToStream(streams.name('order', 2), [wanted[1]!]));
      expect(ids(await reader.takeEvents(1))).toEqual([wanted[1]!.id]);
      await reader.expectNothingFor(150);
    });

    it('ends iteration when closed, even while waiting for live events', async () => {
      const streams = freshStreams();
      const subscription = subscribe({
        after: await headOf(store()),
        filter: { streamPrefixes: [streams.root] },
      });
      const reader = readSubscription(subscription);
      expect(await reader.take(1)).toEqual([{ kind: 'caught_up' }]);
      await reader.expectNothingFor(50);
      await subscription.close();
      expect(await reader.endsWithin(2000)).toBe(true);
      await succeeds(store().appendToStream(streams.name('order'), [anEvent()]));
      expect(await reader.endsWithin(200)).toBe(true);
    });
  });
};
