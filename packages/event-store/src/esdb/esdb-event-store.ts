import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  EventToAppend,
  StoreError,
  Subscription,
} from '../port';
import { checkExpectedRevision } from '../memory/expected-revision';
import { headPosition, readAllAfter, readStreamEvents } from './reads';
import { toClientExpectedRevision } from './revisions';
import { storeErrorOf } from './store-errors';
import { esdbSubscription } from './subscription';
import type { EsdbSubscriptionOptions } from './subscription';

export interface EsdbEventStoreOptions {
  /** appends `appendMany` keeps in flight at once; 256 when absent */
  readonly maxAppendsInFlight?: number;
  /** told of each failure of a subscription before it resubscribes */
  readonly onSubscriptionError?: EsdbSubscriptionOptions['onError'];
  /** messages a subscription holds for a slow reader before it pauses the server's stream */
  readonly subscriptionBufferSize?: EsdbSubscriptionOptions['bufferSize'];
}

const clientEvent = ({ id, type, data, metadata }: EventToAppend) =>
  jsonEvent({ id, type, data, metadata });

/** Runs `work` over `items` with at most `limit` at once; results keep the order of the items. */
const inFlight = async <A, B>(
  items: ReadonlyArray<A>,
  limit: number,
  work: (item: A) => Promise<B>,
) => {
  const results = new Array<B>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/**
 * The EventStoreDB adapter over `@eventstore/db-client`. Global positions are commit positions.
 * The client throws on a conflict (its default, kept: the other mode misreports the revision
 * on BatchAppend); every throw becomes a `StoreError` here, at the edge.
 */
export const createEsdbEventStore = (
  client: EventStoreDBClient,
  options: EsdbEventStoreOptions = {},
): EventStore => {
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const whenOpen = <A>(run: () => Promise<E.Either<StoreError, A>>) =>
    closed
      ? Promise.resolve(
          E.left<StoreError, A>({ kind: 'StoreUnavailable', message: 'the store is closed' }),
        )
      : run();

  const lastEventOf = async (streamName: string) =>
    (await readStreamEvents(client, streamName, { direction: 'backwards', maxCount: 1 }))[0];

  /** Appending nothing writes nothing: the check reads where the stream is. -1 stands for "no stream". */
  const check = async ({ streamName, expectedRevision }: AppendRequest) => {
    const last = await lastEventOf(streamName);
    return E.map((): AppendResult => ({
      nextExpectedRevision: last?.revision ?? -1n,
      position: last?.globalPosition ?? -1n,
    }))(checkExpectedRevision(streamName, expectedRevision, last?.revision ?? 'no_stream'));
  };

  const write = async ({ streamName, events, expectedRevision }: AppendRequest) => {
    const result = await client.appendToStream(streamName, events.map(clientEvent), {
      expectedRevision: toClientExpectedRevision(expectedRevision),
    });
    // the server always reports where it wrote; should one not, the last event says it
    const position =
      result.position?.commit ?? (await lastEventOf(streamName))?.globalPosition ?? -1n;
    return E.right<StoreError, AppendResult>({
      nextExpectedRevision: result.nextExpectedRevision,
      position,
    });
  };

  const append = (request: AppendRequest): Promise<E.Either<StoreError, AppendResult>> =>
    whenOpen(() =>
      (request.events.length === 0 ? check(request) : write(request)).catch((error: unknown) =>
        E.left(storeErrorOf(error)),
      ),
    );

  const attempt =
    <A>(run: () => Promise<A>): TE.TaskEither<StoreError, A> =>
    () =>
      whenOpen(TE.tryCatch(run, storeErrorOf));

  return {
    appendToStream: (streamName, events, appendOptions) => () =>
      append({ streamName, events, expectedRevision: appendOptions?.expectedRevision ?? 'any' }),
    // concurrent: the client multiplexes them on one BatchAppend stream when the server has it
    appendMany: (requests) => () => inFlight(requests, options.maxAppendsInFlight ?? 256, append),
    readStream: (streamName, readOptions) =>
      attempt(() => readStreamEvents(client, streamName, readOptions)),
    readAll: (readOptions) => attempt(() => readAllAfter(client, readOptions)),
    headPosition: () => attempt(() => headPosition(client)),
    subscribeToAll: (subscribeOptions) => {
      const subscription = esdbSubscription(client, {
        ...subscribeOptions,
        onError: options.onSubscriptionError,
        bufferSize: options.subscriptionBufferSize,
        onClose: () => subscriptions.delete(subscription),
      });
      // a closed store still hands out a subscription, one that has already ended
      if (closed) void subscription.close();
      else subscriptions.add(subscription);
      return subscription;
    },
    close: async () => {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await client.dispose();
    },
  };
};

/** A store on the EventStoreDB a connection string names, e.g. `esdb://localhost:2113?tls=false`. */
export const openEsdbEventStore = (
  connectionString: string,
  options?: EsdbEventStoreOptions,
): EventStore =>
  createEsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
