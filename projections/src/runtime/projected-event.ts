import * as E from 'fp-ts/Either';
import { decodeEvent, decodeStoredOnce, type DecodeIssue } from '@helpdesk/events';
import { matchesFilter, type EventFilter, type RecordedEvent } from '@helpdesk/event-store';
import type { ProjectedEvent } from './projection';

/** An event of the log that no longer decodes: its projection stops there, it is never skipped. */
export interface CorruptEvent {
  readonly kind: 'CorruptEvent';
  readonly globalPosition: bigint;
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly message: string;
  readonly issues: ReadonlyArray<DecodeIssue>;
}

export const describeCorruptEvent = (corrupt: CorruptEvent): string =>
  `event ${corrupt.eventId} (${corrupt.type}) at position ${corrupt.globalPosition} in ${corrupt.streamName} does not decode: ${corrupt.message}`;

/**
 * One event decoded for a reader that shares it with no other (a rebuild's, as it is read):
 * nothing is remembered.
 */
export const decodeRecorded = (
  recorded: RecordedEvent,
  decode: (stored: RecordedEvent) => ReturnType<typeof decodeEvent> = decodeEvent,
): E.Either<CorruptEvent, ProjectedEvent> => {
  const decoded = decode(recorded);
  if (E.isLeft(decoded))
    return E.left({
      kind: 'CorruptEvent',
      globalPosition: recorded.globalPosition,
      streamName: recorded.streamName,
      eventId: recorded.id,
      type: recorded.type,
      message: decoded.left.message,
      issues: decoded.left.issues,
    });
  return E.right({
    event: decoded.right.event,
    metadata: decoded.right.metadata,
    eventId: recorded.id,
    streamName: recorded.streamName,
    revision: recorded.revision,
    globalPosition: recorded.globalPosition,
    recordedAt: recorded.recordedAt,
  });
};

/**
 * Projectors that share the live tail of the log receive the same event objects (see
 * `sharedTail`): an event is decoded once for all of them (and for the process managers, through
 * `decodeStoredOnce`), and forgotten with the event.
 */
const decoded = new WeakMap<RecordedEvent, E.Either<CorruptEvent, ProjectedEvent>>();

export const toProjectedEvent = (
  recorded: RecordedEvent,
): E.Either<CorruptEvent, ProjectedEvent> => {
  const known = decoded.get(recorded);
  if (known !== undefined) return known;
  const result = decodeRecorded(recorded, decodeStoredOnce);
  decoded.set(recorded, result);
  return result;
};

/** A batch decoded up to its first corrupt event, if it has one. */
export interface DecodedBatch {
  readonly events: ReadonlyArray<ProjectedEvent>;
  readonly corrupt?: CorruptEvent;
}

export const decodeUntilCorrupt = (recorded: ReadonlyArray<RecordedEvent>): DecodedBatch => {
  const events: ProjectedEvent[] = [];
  for (const event of recorded) {
    const decoded = toProjectedEvent(event);
    if (E.isLeft(decoded)) return { events, corrupt: decoded.left };
    events.push(decoded.right);
  }
  return { events };
};

/**
 * Decodes a batch that no other reader shares (a rebuild's page), refusing it whole at the first
 * event that does not decode: nothing is remembered, a million events leave no trace to collect.
 */
export const toProjectedEvents = (
  recorded: ReadonlyArray<RecordedEvent>,
): E.Either<CorruptEvent, ReadonlyArray<ProjectedEvent>> => {
  const events: ProjectedEvent[] = [];
  for (const event of recorded) {
    const decoded = decodeRecorded(event);
    if (E.isLeft(decoded)) return decoded;
    events.push(decoded.right);
  }
  return E.right(events);
};

/** Whether a projection reads events of this stream; the same test the stores apply to `filter`. */
export const wants: (filter: EventFilter | undefined, streamName: string) => boolean =
  matchesFilter;
