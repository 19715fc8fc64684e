import * as E from 'fp-ts/Either';
import * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';
import type { AppendRequest, AppendResult, EventStore, StoreError, Subscription } from '../port';
import { catchUpSubscription, createChangeNotifier } from '../subscription';
import { checkExpectedRevision } from './expected-revision';
import { MemoryLog } from './memory-log';

export interface MemoryEventStoreOptions {
  /** the time recorded with each event; the system clock when absent */
  readonly now?: () => Date;
}

const unavailable = (message: string, cause?: unknown): StoreError => ({
  kind: 'StoreUnavailable',
  message,
  cause,
});

/**
 * The in-memory adapter: the reference for the port's semantics, for tests and for the
 * application layer's own tests. Positions count from 1, revisions from 0. For a stream that is
 * still missing after an append of no events, the result holds -1 as revision and position.
 */
export const createMemoryEventStore = (options: MemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date());
  const log = new MemoryLog();
  const changes = createChangeNotifier();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const append = (request: AppendRequest): E.Either<StoreError, AppendResult> => {
    if (closed) return E.left(unavailable('the memory event store is closed'));
    const { streamName, events, expectedRevision } = request;
    const checked = checkExpectedRevision(streamName, expectedRevision, log.revisionOf(streamName));
    if (E.isLeft(checked)) return checked;
    try {
      log.append(streamName, events, now().getTime());
    } catch (cause) {
      return E.left(unavailable(`events for ${streamName} are not JSON`, cause));
    }
    if (events.length > 0) changes.notify();
    const revision = log.revisionOf(streamName);
    return E.right({
      nextExpectedRevision: revision === 'no_stream' ? -1n : revision,
      position: log.lastPositionOf(streamName) ?? -1n,
    });
  };

  // each operation runs when its task runs, not when it is built, like a real store's round trip
  const whenOpen =
    <A>(read: () => A): TE.TaskEither<StoreError, A> =>
    () =>
      Promise.resolve(
        closed ? E.left(unavailable('the memory event store is closed')) : E.right(read()),
      );

  return {
    appendToStream: (streamName, events, appendOptions) => () =>
      Promise.resolve(
        append({ streamName, events, expectedRevision: appendOptions?.expectedRevision ?? 'any' }),
      ),
    appendMany: (requests) => T.fromIO(() => requests.map(append)),
    readStream: (streamName, readOptions) =>
      whenOpen(() => log.readStream(streamName, readOptions)),
    readAll: (readOptions) => whenOpen(() => log.readAll(readOptions)),
    headPosition: () => whenOpen(() => log.headPosition()),
    subscribeToAll: (subscribeOptions) => {
      const subscription = catchUpSubscription(
        {
          readAll: (readOptions) => whenOpen(() => log.readAll(readOptions)),
          headPosition: () => whenOpen(() => log.headPosition()),
        },
        changes,
        { ...subscribeOptions, onClose: () => subscriptions.delete(subscription) },
      );
      // a closed store still hands out a subscription, one that has already ended
      if (closed) void subscription.close();
      else subscriptions.add(subscription);
      return subscription;
    },
    close: async () => {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    },
  };
};
