import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { TicketHistoryEntry } from '@helpdesk/domain';
import {
  decodeError,
  decodeEvent,
  streams,
  ticketEvents,
  type DecodeError,
  type DomainEvent,
  type TicketEvent,
  type Uuid,
} from '@helpdesk/events';
import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../../command/app-error';

const ticketEventTypes: ReadonlySet<string> = new Set(ticketEvents.map((e) => e.type));

const isTicketEvent = (event: DomainEvent): event is TicketEvent =>
  ticketEventTypes.has(event.type);

const corrupt = (recorded: RecordedEvent, error: DecodeError): AppError => ({
  kind: 'CorruptStream',
  streamName: recorded.streamName,
  revision: recorded.revision,
  eventId: recorded.id,
  error,
});

/**
 * Decodes one stored event of a ticket's stream with its envelope. An event that does not decode,
 * or is not a ticket event, makes the stream corrupt: a replay never skips an event.
 */
export const decodeTicketEntry = (
  recorded: RecordedEvent,
): E.Either<AppError, TicketHistoryEntry> => {
  const decoded = decodeEvent(recorded);
  if (E.isLeft(decoded)) return E.left(corrupt(recorded, decoded.left));
  const { event, metadata } = decoded.right;
  if (!isTicketEvent(event))
    return E.left(
      corrupt(
        recorded,
        decodeError('event of another stream category', [
          {
            path: 'type',
            expected: 'an event of the ticket category',
            actual: JSON.stringify(event.type),
          },
        ]),
      ),
    );
  return E.right({
    event,
    metadata,
    eventId: recorded.id,
    revision: recorded.revision,
    globalPosition: recorded.globalPosition,
    recordedAt: recorded.recordedAt,
  });
};

/** A ticket's whole history, read straight from its stream in the event store (no read model). */
export const readTicketHistory = (
  store: Pick<EventStore, 'readStream'>,
  ticketId: Uuid,
): TE.TaskEither<AppError, ReadonlyArray<TicketHistoryEntry>> =>
  pipe(
    store.readStream(streams.ticket(ticketId)),
    TE.mapLeft(fromStoreError),
    TE.chainEitherK(E.traverseArray(decodeTicketEntry)),
  );
