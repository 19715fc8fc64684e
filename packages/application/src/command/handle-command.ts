import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Decider } from '@helpdesk/domain';
import type { DomainEvent } from '@helpdesk/events';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  RecordedEvent,
  StoreError,
  StreamRevision,
} from '@helpdesk/event-store';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';
import { domainRefusal, fromStoreError, type AppError } from './app-error';
import type { CommandContext } from './context';
import { encodeEvents } from './encode-events';
import type { LoadedStream } from './load-stream';
import { cachedState, loadThroughCache, remember, type StreamCache } from './stream-cache';

export interface CommandDeps {
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * streams' states as this process last knew them: a command that finds its stream there decides
   * without reading it, and its append (with the cached revision) is the check that nothing moved
   */
  readonly streams?: StreamCache;
}

export interface HandleOptions {
  /** the revision the caller last saw (If-Match): if the stream moved on, fail at once, append nothing */
  readonly expectedRevision?: StreamRevision;
  /** how many times to read, decide and append before giving up on conflicts; 4 when absent */
  readonly maxAttempts?: number;
}

export interface CommandResult<State> {
  /** the events this command appended, as recorded; empty when it decided nothing */
  readonly events: ReadonlyArray<RecordedEvent>;
  readonly state: State;
  /** the stream's revision now: what a caller sends back as its If-Match */
  readonly nextExpectedRevision: StreamRevision;
  /** the position of the stream's last event; undefined while the stream does not exist */
  readonly position: bigint | undefined;
}

/** Lost a race with another writer: read again and decide again. */
interface Retry {
  readonly kind: 'Retry';
}
const retry: Retry = { kind: 'Retry' };

/** A cached state decided nothing or refused: that must be said by the store's state, not the cache's. */
interface Recheck {
  readonly kind: 'Recheck';
}
const recheck: Recheck = { kind: 'Recheck' };

const DEFAULT_MAX_ATTEMPTS = 4;

/**
 * One command on one stream: read it, fold it, decide, append with the revision read. A conflict
 * means another writer got there first, so the command is decided again against the new events,
 * a bounded number of times; with a pinned revision (If-Match) the caller decided on what it saw,
 * so a conflict is a `StaleVersion` at once.
 */
export const handleCommand = <Command, Event extends DomainEvent, State>(
  deps: CommandDeps,
  decider: Decider<Command, Event, State>,
  streamName: string,
  command: Command,
  context: CommandContext,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<State>> => {
  const pinned = options.expectedRevision;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);

  const stale = (actual: StreamRevision): AppError => ({
    kind: 'StaleVersion',
    streamName,
    expected: pinned ?? actual,
    actual,
  });

  const appended =
    (loaded: LoadedStream<State>, decided: ReadonlyArray<Event>) =>
    (recorded: ReadonlyArray<RecordedEvent>): CommandResult<State> => {
      const result: CommandResult<State> = {
        events: recorded,
        state: decided.reduce(decider.evolve, loaded.state),
        nextExpectedRevision: recorded[recorded.length - 1]!.revision,
        position: recorded[recorded.length - 1]!.globalPosition,
      };
      remember(deps.streams, decider, streamName, {
        state: result.state,
        revision: result.nextExpectedRevision,
        position: result.position,
      });
      return result;
    };

  // Reads back what was appended: only the store knows the positions and recording times.
  const readBack = (firstRevision: bigint, count: number) =>
    pipe(
      deps.eventStore.readStream(streamName, { fromRevision: firstRevision, maxCount: count }),
      TE.mapLeft(fromStoreError),
      TE.filterOrElse(
        (recorded) => recorded.length === count,
        (): AppError => ({
          kind: 'StoreUnavailable',
          message: `the events appended to ${streamName} could not be read back`,
        }),
      ),
    );

  /**
   * One event appended needs no read back: the append says its revision and position. Its
   * recording time is the clock's, within the moment of the store's own.
   */
  const recordedOf = (
    events: ReadonlyArray<EventToAppend>,
    result: AppendResult,
  ): Promise<E.Either<AppError, ReadonlyArray<RecordedEvent>>> => {
    const [only] = events;
    if (events.length !== 1 || only === undefined)
      return readBack(result.nextExpectedRevision - BigInt(events.length) + 1n, events.length)();
    return Promise.resolve(
      E.right([
        {
          id: only.id,
          type: only.type,
          streamName,
          revision: result.nextExpectedRevision,
          globalPosition: result.position,
          data: only.data,
          metadata: only.metadata,
          recordedAt: deps.clock.now(),
        },
      ]),
    );
  };

  const onAppendFailure = (error: StoreError): AppError | Retry => {
    if (error.kind !== 'WrongExpectedVersion') return fromStoreError(error);
    return pinned === undefined ? retry : stale(error.actual);
  };

  const append = async (
    loaded: LoadedStream<State>,
    decided: ReadonlyArray<Event>,
  ): Promise<E.Either<AppError | Retry, CommandResult<State>>> => {
    const events = encodeEvents(deps, streamName, context, decided);
    if (E.isLeft(events)) return events;
    const result = await deps.eventStore.appendToStream(streamName, events.right, {
      expectedRevision: loaded.revision,
    })();
    if (E.isLeft(result)) return E.left(onAppendFailure(result.left));
    const recorded = await recordedOf(events.right, result.right);
    return E.isLeft(recorded) ? recorded : E.right(appended(loaded, decided)(recorded.right));
  };

  /** With `fromCache`, the state decided on is the cache's; else what the store has now. */
  const attempt = async (
    fromCache: boolean,
  ): Promise<E.Either<AppError | Retry | Recheck, CommandResult<State>>> => {
    const cached = fromCache ? cachedState(deps.streams, decider, streamName) : undefined;
    let loaded: LoadedStream<State>;
    if (cached !== undefined) loaded = cached;
    else {
      const read = await loadThroughCache(deps.eventStore, deps.streams, decider, streamName)();
      if (E.isLeft(read)) return read;
      loaded = read.right;
    }
    if (pinned !== undefined && pinned !== loaded.revision) return E.left(stale(loaded.revision));
    const decided = decider.decide(command, loaded.state);
    if (E.isLeft(decided))
      return E.left(cached === undefined ? domainRefusal(decided.left) : recheck);
    if (decided.right.length > 0) return append(loaded, decided.right);
    if (cached !== undefined) return E.left(recheck);
    return E.right({
      events: [],
      state: loaded.state,
      nextExpectedRevision: loaded.revision,
      position: loaded.position,
    });
  };

  // Written as a loop rather than chained TaskEither combinators: this runs for every command, and
  // each combinator step costs a few promise hops (docs/performance.md). A pinned revision is
  // checked against the store, never against the cache.
  return async () => {
    let fromCache = pinned === undefined;
    let attempts = 1;
    for (;;) {
      const outcome = await attempt(fromCache);
      if (E.isRight(outcome)) return outcome;
      const error = outcome.left;
      fromCache = false;
      if (error.kind === 'Recheck') continue;
      if (error.kind !== 'Retry') return E.left(error);
      if (attempts >= maxAttempts)
        return E.left<AppError>({ kind: 'ConcurrencyConflict', streamName, attempts });
      attempts += 1;
    }
  };
};
