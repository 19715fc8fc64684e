import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { ticketDecider, type Ticket } from '@helpdesk/domain';
import {
  decodeError,
  decodeEvent,
  ticketEvents,
  type DecodeError,
  type DomainEvent,
  type EventMetadata,
  type TicketEvent,
} from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../../command/app-error';

/** A ticket event as its stream holds it, with the envelope that says who appended it and why. */
export interface StoredTicketEvent {
  readonly id: string;
  readonly event: TicketEvent;
  readonly metadata: EventMetadata;
}

const ticketTypes: ReadonlySet<string> = new Set(ticketEvents.map((d) => d.type));
const isTicketEvent = (event: DomainEvent): event is TicketEvent => ticketTypes.has(event.type);

/** The ticket's stream, decoded; a stored event that does not decode, or is no ticket event, fails the read. */
export const readTicketStream = (
  store: EventStore,
  streamName: string,
): TE.TaskEither<AppError, ReadonlyArray<StoredTicketEvent>> =>
  pipe(
    store.readStream(streamName),
    TE.mapLeft(fromStoreError),
    TE.chainEitherK(
      E.traverseArray((recorded) => {
        const corrupt = (error: DecodeError): AppError => ({
          kind: 'CorruptStream',
          streamName,
          revision: recorded.revision,
          eventId: recorded.id,
          error,
        });
        return pipe(
          decodeEvent(recorded),
          E.mapLeft(corrupt),
          E.chain(({ event, metadata }) =>
            isTicketEvent(event)
              ? E.right({ id: recorded.id, event, metadata })
              : E.left(
                  corrupt(
                    decodeError('not a ticket event', [
                      { path: 'type', expected: 'a ticket event', actual: event.type },
                    ]),
                  ),
                ),
          ),
        );
      }),
    ),
  );

/**
 * Whether two neighbouring events were recorded by one append: the command handler gives every
 * event of an append the same envelope (actor, request, cause, channel, reason and instant).
 */
const sameAppend = (a: EventMetadata, b: EventMetadata): boolean =>
  a.correlation_id === b.correlation_id &&
  a.causation_id === b.causation_id &&
  a.occurred_at === b.occurred_at &&
  a.actor.type === b.actor.type &&
  a.actor.id === b.actor.id &&
  a.via.channel === b.via.channel &&
  a.via.rel === b.via.rel;

/** One append to a ticket's stream: the ticket before it, and its events. */
export interface TicketAppend {
  readonly before: Ticket;
  readonly events: ReadonlyArray<TicketEvent>;
}

/**
 * The append that the event `eventId` opens, or null when the event continues an append begun by
 * the event before it (or is not in the stream). Each append is taken up once, at its first event:
 * what precedes an event never changes, so the answer is the same however often it is asked.
 */
export const appendOpenedBy = (
  stream: ReadonlyArray<StoredTicketEvent>,
  eventId: string,
): TicketAppend | null => {
  const start = stream.findIndex((stored) => stored.id === eventId);
  if (start === -1) return null;
  const opening = stream[start]!;
  const previous = stream[start - 1];
  if (previous !== undefined && sameAppend(previous.metadata, opening.metadata)) return null;
  let end = start + 1;
  while (end < stream.length && sameAppend(stream[end]!.metadata, opening.metadata)) end += 1;
  return {
    before: stream
      .slice(0, start)
      .reduce(
        (state, stored) => ticketDecider.evolve(state, stored.event),
        ticketDecider.initialState(),
      ),
    events: stream.slice(start, end).map((stored) => stored.event),
  };
};
