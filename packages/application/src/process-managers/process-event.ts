import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  decodeStoredOnce,
  type DecodeError,
  type DomainEvent,
  type EventMetadata,
  type Uuid,
} from '@helpdesk/events';
import type { RecordedEvent } from '@helpdesk/event-store';
import type { CommandContext } from '../command/context';

/** An event a process manager reacts to: decoded, with where it sits in the log. */
export interface ProcessEvent {
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
  readonly eventId: Uuid;
  readonly streamName: string;
  readonly position: bigint;
}

/** Decoded once for every process manager and projector of the process that reads the same event. */
export const toProcessEvent = (recorded: RecordedEvent): E.Either<DecodeError, ProcessEvent> =>
  pipe(
    decodeStoredOnce(recorded),
    E.map(({ event, metadata }) => ({
      event,
      metadata,
      eventId: recorded.id,
      streamName: recorded.streamName,
      position: recorded.globalPosition,
    })),
  );

/** What a process manager's commands say of themselves: the system acts, because of `cause`. */
export interface ProcessCause {
  readonly accountId: Uuid;
  /** shared with the request that started the process: a merge's changes share its id */
  readonly correlationId: string;
  /** the event the process reacts to */
  readonly causationId: string;
  readonly channel: EventMetadata['via']['channel'];
}

export const causeOf = (trigger: ProcessEvent): ProcessCause => ({
  accountId: trigger.metadata.account_id,
  correlationId: trigger.metadata.correlation_id,
  causationId: trigger.eventId,
  channel: trigger.metadata.via.channel,
});

/** `rel` says why (`merge`, `membership_removed`, ...); readers such as triggers skip what it names. */
export const systemContext = (cause: ProcessCause, rel: string): CommandContext => ({
  accountId: cause.accountId,
  actor: { type: 'system', id: null },
  correlationId: cause.correlationId,
  causationId: cause.causationId,
  via: { channel: cause.channel, rel },
});
