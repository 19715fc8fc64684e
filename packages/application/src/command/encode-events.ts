import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeEvent, eventDefinition, type DomainEvent } from '@helpdesk/events';
import type { EventToAppend, JsonObject } from '@helpdesk/event-store';
import type { AppError } from './app-error';
import { eventMetadata, type CommandContext } from './context';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';

export interface EncodeDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * Turns decided events into what the store appends: an id, the encoded data and the metadata
 * built from the context. Each one is decoded back first, because an event the log cannot
 * decode would make its whole stream unreadable (a bad context, a decider's bug).
 */
export const encodeEvents = (
  deps: EncodeDeps,
  streamName: string,
  context: CommandContext,
  events: ReadonlyArray<DomainEvent>,
): E.Either<AppError, ReadonlyArray<EventToAppend>> => {
  const occurredAt = deps.clock.now();
  return pipe(
    events,
    E.traverseArray((event) => {
      // the JSON text is what the store keeps, so that is what is checked and appended
      const stored = JSON.parse(
        JSON.stringify({
          data: eventDefinition(event.type)?.data.encode(event.data),
          metadata: eventMetadata(context, event.type, occurredAt),
        }),
      ) as { readonly data: JsonObject; readonly metadata: JsonObject };
      return pipe(
        decodeEvent({ type: event.type, ...stored }),
        E.mapLeft((error): AppError => ({
          kind: 'InvalidEvent',
          streamName,
          type: event.type,
          error,
        })),
        E.map((): EventToAppend => ({ id: deps.ids.next(), type: event.type, ...stored })),
      );
    }),
  );
};
