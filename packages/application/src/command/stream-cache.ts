import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Decider } from '@helpdesk/domain';
import type { DomainEvent } from '@helpdesk/events';
import type { EventStore, StreamChanges } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from './app-error';
import { decodeStored, loadStream, type LoadedStream } from './load-stream';

/**
 * A stream's state as this process last knew it, at a revision: what it read, or what it
 * appended itself. `evolve` says which fold produced it, so that two deciders of one stream never
 * share a state.
 */
export interface CachedStream {
  readonly state: unknown;
  readonly revision: bigint;
  readonly position: bigint;
  readonly evolve: unknown;
  /** the state holds every event of the stream up to here (the log as seen when it was read) */
  readonly checkedThrough?: bigint;
}

/**
 * States of streams by name, kept by the command handler. Never a source of truth: a command
 * decided on a cached state appends with the cached revision, so a stream that moved on meanwhile
 * (another process, another writer) refuses the append and the command is decided again on what
 * the store says. A decision that would append nothing is always checked against the store.
 */
export interface StreamCache {
  readonly get: (streamName: string) => CachedStream | undefined;
  readonly set: (streamName: string, entry: CachedStream) => void;
  readonly delete: (streamName: string) => void;
  /** when given, a state no change is known after is current without reading (`currentThroughCache`) */
  readonly changes?: Pick<StreamChanges, 'seenThrough' | 'changedAfter'>;
}

/**
 * The most recently used `capacity` streams (a Map keeps insertion order: the oldest go first).
 * While it is less than half full, nothing is evicted soon and a read leaves the order as it is.
 */
export const lruStreamCache = (
  capacity = 20_000,
  changes?: Pick<StreamChanges, 'seenThrough' | 'changedAfter'>,
): StreamCache => {
  const entries = new Map<string, CachedStream>();
  return {
    ...(changes === undefined ? {} : { changes }),
    get: (streamName) => {
      const entry = entries.get(streamName);
      // reordering costs a delete and an insert: only worth it once the oldest may have to go
      if (entry !== undefined && entries.size > capacity / 2) {
        entries.delete(streamName);
        entries.set(streamName, entry);
      }
      return entry;
    },
    set: (streamName, entry) => {
      entries.delete(streamName);
      entries.set(streamName, entry);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    delete: (streamName) => {
      entries.delete(streamName);
    },
  };
};

type Fold<Event extends DomainEvent, State> = Pick<
  Decider<unknown, Event, State>,
  'initialState' | 'evolve'
>;

/** The cached state of the stream, if it was folded by this decider's `evolve`. */
export const cachedState = <Event extends DomainEvent, State>(
  cache: StreamCache | undefined,
  decider: Fold<Event, State>,
  streamName: string,
): LoadedStream<State> | undefined => {
  const entry = cache?.get(streamName);
  if (entry === undefined || entry.evolve !== decider.evolve) return undefined;
  return { state: entry.state as State, revision: entry.revision, position: entry.position };
};

export const remember = <State>(
  cache: StreamCache | undefined,
  decider: { readonly evolve: unknown },
  streamName: string,
  loaded: LoadedStream<State>,
  checkedThrough?: bigint,
): void => {
  if (cache === undefined || loaded.revision === 'no_stream' || loaded.position === undefined)
    return;
  cache.set(streamName, {
    state: loaded.state,
    revision: loaded.revision,
    position: loaded.position,
    evolve: decider.evolve,
    ...(checkedThrough === undefined ? {} : { checkedThrough }),
  });
};

/**
 * The stream as the store has it now. With a cached state, only the events after its revision
 * are read and folded onto it; otherwise the whole stream. Either way the result is exact.
 */
export const loadThroughCache = <Event extends DomainEvent, State>(
  store: EventStore,
  cache: StreamCache | undefined,
  decider: Fold<Event, State>,
  streamName: string,
): TE.TaskEither<AppError, LoadedStream<State>> => {
  const known = cachedState(cache, decider, streamName);
  // every event up to here is in what the read below returns: it was delivered before the read began
  const checkedThrough = cache?.changes?.seenThrough();
  const loaded =
    known === undefined || known.revision === 'no_stream'
      ? loadStream(store, decider, streamName)
      : pipe(
          store.readStream(streamName, { fromRevision: known.revision + 1n }),
          TE.mapLeft(fromStoreError),
          TE.chainEitherK((recorded) =>
            pipe(
              recorded,
              E.traverseArray(decodeStored<Event>(streamName)),
              E.map((events): LoadedStream<State> => {
                const last = recorded[recorded.length - 1];
                return last === undefined
                  ? known
                  : {
                      state: events.reduce(decider.evolve, known.state),
                      revision: last.revision,
                      position: last.globalPosition,
                    };
              }),
            ),
          ),
        );
  return pipe(
    loaded,
    TE.map((stream) => {
      remember(cache, decider, streamName, stream, checkedThrough);
      return stream;
    }),
  );
};

/**
 * The stream's state for a fact a command relies on (who calls, whether a user exists): the cached
 * state as it is when the cache's `changes` know of no event of the stream after it, otherwise as
 * `loadThroughCache` reads it. A change this process made counts at once, one made by another
 * process once its live tail has delivered it (milliseconds): the price of not reading each fact's
 * stream per command. A stream a command appends to is never read this way: its decision is
 * checked by the append's expected revision.
 */
export const currentThroughCache = <Event extends DomainEvent, State>(
  store: EventStore,
  cache: StreamCache | undefined,
  decider: Fold<Event, State>,
  streamName: string,
): TE.TaskEither<AppError, LoadedStream<State>> => {
  const changes = cache?.changes;
  const entry = changes === undefined ? undefined : cache?.get(streamName);
  if (
    changes !== undefined &&
    entry !== undefined &&
    entry.evolve === decider.evolve &&
    !changes.changedAfter(streamName, later(entry.position, entry.checkedThrough))
  )
    return TE.right({
      state: entry.state as State,
      revision: entry.revision,
      position: entry.position,
    });
  return loadThroughCache(store, cache, decider, streamName);
};

const later = (a: bigint, b: bigint | undefined): bigint => (b !== undefined && b > a ? b : a);
