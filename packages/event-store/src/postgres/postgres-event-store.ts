import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppendRequest, EventStore, StoreError, Subscription } from '../port';
import { catchUpSubscription, type ChangeNotifier } from '../subscription';
import { appendInCalls, callIsolatingFailures } from './append-batches';
import { callAppendEvents, type AppendOutcome } from './append-call';
import { groupCommit, type GroupCommitOptions } from './group-commit';
import { headPosition, readAll, readAllEach, readStream } from './reads';
import type { SchemaName } from './schema-name';
import type { SqlClient } from './sql-client';
import { unavailable } from './store-errors';

export interface PostgresEventStoreOptions {
  readonly client: SqlClient;
  /** a migrated schema (see `migrate`) */
  readonly schema: SchemaName;
  /** told after each append here; whoever opens the store may also feed it NOTIFYs */
  readonly changes: ChangeNotifier;
  readonly groupCommit?: Partial<GroupCommitOptions>;
  /** subscriptions also look for new events this often (a NOTIFY can be lost); never when absent */
  readonly pollIntervalMs?: number;
  /** subscriptions read this many events per page */
  readonly pageSize?: number;
  /** releases what the opener made (pool, listener, PGlite), after the store has stopped */
  readonly release?: () => Promise<void>;
}

const defaultGroupCommit: GroupCommitOptions = { maxEventsPerCall: 10_000, maxCallsInFlight: 2 };

const closedError = unavailable('the event store is closed');

/**
 * The PostgreSQL event store, the same over a server (`pg`) and over PGlite: every append goes
 * through `append_events`, every read is one statement (a select, or on a server a binary COPY of
 * the log), subscriptions are catch-up reads woken by `changes`.
 */
export const createPostgresEventStore = (options: PostgresEventStoreOptions): EventStore => {
  const { client, schema, changes } = options;
  const limits = { ...defaultGroupCommit, ...options.groupCommit };
  const call = callIsolatingFailures((requests) => callAppendEvents(client, schema, requests));
  const committer = groupCommit(call, limits);
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const announce = (
    outcomes: ReadonlyArray<AppendOutcome>,
    requests: ReadonlyArray<AppendRequest>,
  ) => {
    if (outcomes.some((outcome, index) => E.isRight(outcome) && requests[index]!.events.length > 0))
      changes.notify();
    return outcomes;
  };

  // checked when the task runs, not when it is built
  const whenOpen =
    <A>(task: TE.TaskEither<StoreError, A>): TE.TaskEither<StoreError, A> =>
    () =>
      closed ? Promise.resolve(E.left(closedError)) : task();

  const source = {
    readAll: (readOptions?: Parameters<EventStore['readAll']>[0]) =>
      whenOpen(readAll(client, schema, readOptions)),
    headPosition: () => whenOpen(headPosition(client, schema)),
  };

  return {
    appendToStream: (streamName, events, appendOptions) => async () => {
      if (closed) return E.left(closedError);
      const request = {
        streamName,
        events,
        expectedRevision: appendOptions?.expectedRevision ?? 'any',
      };
      const outcome = await committer.append(request);
      announce([outcome], [request]);
      return outcome;
    },
    appendMany: (requests) => async () => {
      if (closed) return requests.map(() => E.left(closedError));
      return announce(await appendInCalls(call, requests, limits.maxEventsPerCall), requests);
    },
    readStream: (streamName, readOptions) =>
      whenOpen(readStream(client, schema, streamName, readOptions)),
    readAll: source.readAll,
    readAllEach: (readOptions, each) => whenOpen(readAllEach(client, schema, readOptions, each)),
    headPosition: source.headPosition,
    subscribeToAll: (subscribeOptions) => {
      const subscription = catchUpSubscription(source, changes, {
        ...subscribeOptions,
        pageSize: options.pageSize,
        pollIntervalMs: options.pollIntervalMs,
        onClose: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await committer.drain();
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await options.release?.();
    },
  };
};
