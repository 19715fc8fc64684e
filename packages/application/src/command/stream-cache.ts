import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Decider } from '@helpdesk/domain';
import type { DomainEvent } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
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
}

/** The most recently used `capacity` streams (a Map keeps insertion order: the oldest go first). */
export const lruStreamCache = (capacity = 20_000): StreamCache => {
  const entries = new Map<string, CachedStream>();
  return {
    get: (streamName) => {
      const entry = entries.get(streamName);
      if (entry !== undefined) {
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
): void => {
  if (cache === undefined || loaded.revision === 'no_stream' || loaded.position === undefined)
    return;
  cache.set(streamName, {
    state: loaded.state,
    revision: loaded.revision,
    position: loaded.position,
    evolve: decider.evolve,
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
      remember(cache, decider, streamName, stream);
      return stream;
    }),
  );
};
