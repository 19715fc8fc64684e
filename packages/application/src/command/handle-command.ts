import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Decider } from '@helpdesk/domain';
import type { DomainEvent } from '@helpdesk/events';
import type { EventStore, RecordedEvent, StoreError, StreamRevision } from '@helpdesk/event-store';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';
import { domainRefusal, fromStoreError, type AppError } from './app-error';
import type { CommandContext } from './context';
import { encodeEvents } from './encode-events';
import { loadStream, type LoadedStream } from './load-stream';

export interface CommandDeps {
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
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
    (recorded: ReadonlyArray<RecordedEvent>): CommandResult<State> => ({
      events: recorded,
      state: decided.reduce(decider.evolve, loaded.state),
      nextExpectedRevision: recorded[recorded.length - 1]!.revision,
      position: recorded[recorded.length - 1]!.globalPosition,
    });

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

  const onAppendFailure = (error: StoreError): AppError | Retry => {
    if (error.kind !== 'WrongExpectedVersion') return fromStoreError(error);
    return pinned === undefined ? retry : stale(error.actual);
  };

  const append = (loaded: LoadedStream<State>, decided: ReadonlyArray<Event>) =>
    pipe(
      TE.fromEither(encodeEvents(deps, streamName, context, decided)),
      TE.chainW((events) =>
        pipe(
          deps.eventStore.appendToStream(streamName, events, { expectedRevision: loaded.revision }),
          TE.mapLeft(onAppendFailure),
        ),
      ),
      TE.chainW(({ nextExpectedRevision }) =>
        readBack(nextExpectedRevision - BigInt(decided.length) + 1n, decided.length),
      ),
      TE.map(appended(loaded, decided)),
    );

  const attempt = (): TE.TaskEither<AppError | Retry, CommandResult<State>> =>
    pipe(
      loadStream(deps.eventStore, decider, streamName),
      TE.chainW((loaded) =>
        pinned !== undefined && pinned !== loaded.revision
          ? TE.left(stale(loaded.revision))
          : pipe(
              decider.decide(command, loaded.state),
              E.mapLeft(domainRefusal),
              TE.fromEither,
              TE.chainW((decided) =>
                decided.length === 0
                  ? TE.right<AppError | Retry, CommandResult<State>>({
                      events: [],
                      state: loaded.state,
                      nextExpectedRevision: loaded.revision,
                      position: loaded.position,
                    })
                  : append(loaded, decided),
              ),
            ),
      ),
    );

  const run = (attempts: number): TE.TaskEither<AppError, CommandResult<State>> =>
    pipe(
      attempt(),
      TE.orElse((error) => {
        if (error.kind !== 'Retry') return TE.left(error);
        if (attempts < maxAttempts) return run(attempts + 1);
        return TE.left<AppError>({ kind: 'ConcurrencyConflict', streamName, attempts });
      }),
    );

  return run(1);
};
