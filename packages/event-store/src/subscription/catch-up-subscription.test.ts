import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { readSubscription } from '../contract/subscription-reader';
import { createMemoryEventStore } from '../memory';
import type { EventStore, ReadAllOptions, StoreError, Subscription } from '../port';
import { catchUpSubscription, type CatchUpSource } from './catch-up-subscription';
import { createChangeNotifier, type ChangeSignal } from './change-notifier';

const event = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'ThingHappened',
  data: { n },
  metadata: {},
});

const storeWith = async (count: number) => {
  const store = createMemoryEventStore();
  for (let n = 1; n <= count; n++) await store.appendToStream('thing-1', [event(n)])();
  return store;
};

const sourceOf = (store: EventStore): CatchUpSource => ({
  readAll: (options) => store.readAll(options),
  headPosition: () => store.headPosition(),
});

const silence: ChangeSignal = { onChange: () => () => undefined };
const ns = (events: ReadonlyArray<{ data: unknown }>) =>
  events.map((e) => (e.data as { n: number }).n);

describe('a catch-up subscription built from readAll and a wake-up signal', () => {
  const open: Subscription[] = [];
  const subscribe = (...args: Parameters<typeof catchUpSubscription>) => {
    const subscription = catchUpSubscription(...args);
    open.push(subscription);
    return subscription;
  };
  afterEach(() => Promise.all(open.splice(0).map((s) => s.close())));

  it('pages through the past before saying caught_up', async () => {
    const store = await storeWith(5);
    const subscription = subscribe(sourceOf(store), silence, { pageSize: 2 });
    const messages = await readSubscription(subscription).take(6);
    expect(
      messages.map((m) => (m.kind === 'event' ? (m.event.data as { n: number }).n : m.kind)),
    ).toEqual([1, 2, 3, 4, 5, 'caught_up']);
    await subscription.close();
  });

  it('retries a failed read, telling onError, then delivers', async () => {
    const store = await storeWith(2);
    let failures = 2;
    const errors: StoreError[] = [];
    const flaky: CatchUpSource = {
      ...sourceOf(store),
      readAll: (options) =>
        failures-- > 0
          ? TE.left({ kind: 'StoreUnavailable', message: 'down' })
          : store.readAll(options),
    };
    const subscription = subscribe(flaky, silence, {
      retryDelayMs: 1,
      onError: (error) => errors.push(error),
    });
    const reader = readSubscription(subscription);
    expect(ns(await reader.takeEvents(2))).toEqual([1, 2]);
    expect(errors).toEqual([
      { kind: 'StoreUnavailable', message: 'down' },
      { kind: 'StoreUnavailable', message: 'down' },
    ]);
    await subscription.close();
  });

  it('finds events appended without a wake-up when it polls, and only then', async () => {
    const store = await storeWith(1);
    const polled = readSubscription(subscribe(sourceOf(store), silence, { pollIntervalMs: 20 }));
    const woken = readSubscription(subscribe(sourceOf(store), silence));
    await polled.take(2);
    await woken.take(2);
    await store.appendToStream('thing-1', [event(2)])();
    expect(ns(await polled.takeEvents(1, 1000))).toEqual([2]);
    await woken.expectNothingFor(100);
  });

  it('does not miss an event appended while a read is in flight', async () => {
    const store = await storeWith(1);
    const changes = createChangeNotifier();
    let reads = 0;
    // the first read returns what it saw, and an append lands (and wakes it) meanwhile
    const racing: CatchUpSource = {
      ...sourceOf(store),
      readAll: (options: ReadAllOptions) => async () => {
        const page = await store.readAll(options)();
        if (++reads === 1) {
          await store.appendToStream('thing-1', [event(2)])();
          changes.notify();
        }
        return page;
      },
    };
    const subscription = subscribe(racing, changes);
    const reader = readSubscription(subscription);
    const messages = await reader.take(3, 1000);
    expect(
      messages.map((m) => (m.kind === 'event' ? (m.event.data as { n: number }).n : m.kind)),
    ).toEqual([1, 'caught_up', 2]);
  });

  it('calls onClose once, whether closed or left by a break', async () => {
    const store = await storeWith(3);
    let closes = 0;
    const subscription = subscribe(sourceOf(store), silence, { onClose: () => closes++ });
    for await (const message of subscription) if (message.kind === 'event') break;
    expect(closes).toBe(1);
    await subscription.close();
    expect(closes).toBe(1);
    const never = catchUpSubscription(sourceOf(store), silence, { onClose: () => closes++ });
    await never.close();
    expect(closes).toBe(2);
  });

  it('stops listening to wake-ups once closed', async () => {
    const store = await storeWith(0);
    const changes = createChangeNotifier();
    let listeners = 0;
    const counted: ChangeSignal = {
      onChange: (listener) => {
        listeners++;
        const stop = changes.onChange(listener);
        return () => {
          listeners--;
          stop();
        };
      },
    };
    const subscription = subscribe(sourceOf(store), counted);
    expect(listeners).toBe(1);
    await subscription.close();
    expect(listeners).toBe(0);
    expect(E.isRight(await store.headPosition()())).toBe(true);
  });
});
