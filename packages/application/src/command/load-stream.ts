import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Decider } from '@helpdesk/domain';
import {
  categoryOf,
  decodeError,
  decodeEvent,
  eventDefinition,
  type DomainEvent,
} from '@helpdesk/events';
import type { EventStore, RecordedEvent, StreamRevision } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from './app-error';

/** A stream as a decider sees it: its state, and the revision it was read at. */
export interface LoadedStream<State> {
  readonly state: State;
  readonly revision: StreamRevision;
  /** the position of the stream's last event; undefined for a stream that does not exist */
  readonly position: bigint | undefined;
}

/**
 * Decodes one stored event. An event of another stream category (a ticket event in a user
 * stream) is as corrupt as a malformed one: the decider's `evolve` has no branch for it.
 */
export const decodeStored =
  <Event extends DomainEvent>(streamName: string) =>
  (recorded: RecordedEvent): E.Either<AppError, Event> => {
    const corrupt = (error: ReturnType<typeof decodeError>): AppError => ({
      kind: 'CorruptStream',
      streamName,
      revision: recorded.revision,
      eventId: recorded.id,
      error,
    });
    return pipe(
      decodeEvent(recorded),
      E.mapLeft(corrupt),
      E.chain(({ event }) =>
        eventDefinition(event.type)?.category === categoryOf(streamName)
          ? E.right(event as Event)
          : E.left(
              corrupt(
                decodeError('event of another stream category', [
                  {
                    path: 'type',
                    expected: `an event of the ${categoryOf(streamName)} category`,
                    actual: JSON.stringify(event.type),
                  },
                ]),
              ),
            ),
      ),
    );
  };

/** Reads a whole stream, decodes each event and folds it with the decider's `evolve`. */
export const loadStream = <Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamName: string,
): TE.TaskEither<AppError, LoadedStream<State>> =>
  pipe(
    store.readStream(streamName),
    TE.mapLeft(fromStoreError),
    TE.chainEitherK((recorded) =>
      pipe(
        recorded,
        E.traverseArray(decodeStored<Event>(streamName)),
        E.map((events) => {
          const last = recorded[recorded.length - 1];
          return {
            state: events.reduce(decider.evolve, decider.initialState()),
            revision: last === undefined ? ('no_stream' as const) : last.revision,
            position: last?.globalPosition,
          };
        }),
      ),
    ),
  );
