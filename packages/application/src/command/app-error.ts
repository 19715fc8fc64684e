import { assertNever, type DomainError } from '@helpdesk/domain';
import type { DecodeError } from '@helpdesk/events';
import type { StoreError, StreamRevision } from '@helpdesk/event-store';

/**
 * Every way a command can fail, as one union: the HTTP layer maps each kind to one status.
 * - `DomainRefusal`: the decider said no (its `DomainError` says which rule).
 * - `ConcurrencyConflict`: other writers kept changing the stream; every retry lost.
 * - `StaleVersion`: the caller pinned a revision (If-Match) and the stream is no longer there.
 * - `StoreUnavailable`, `StreamDeleted`: the event store could not serve the command.
 * - `CorruptStream`: a stored event does not decode, or does not belong in its stream.
 * - `InvalidEvent`: a decided event or its metadata would not decode; it was not appended.
 * - `CompensationFailed`: a workflow failed and undoing its first steps failed too.
 */
export type AppError =
  | { readonly kind: 'DomainRefusal'; readonly error: DomainError }
  | { readonly kind: 'ConcurrencyConflict'; readonly streamName: string; readonly attempts: number }
  | {
      readonly kind: 'StaleVersion';
      readonly streamName: string;
      readonly expected: StreamRevision;
      readonly actual: StreamRevision;
    }
  | { readonly kind: 'StoreUnavailable'; readonly message: string; readonly cause?: unknown }
  | { readonly kind: 'StreamDeleted'; readonly streamName: string }
  | {
      readonly kind: 'CorruptStream';
      readonly streamName: string;
      readonly revision: bigint;
      readonly eventId: string;
      readonly error: DecodeError;
    }
  | {
      readonly kind: 'InvalidEvent';
      readonly streamName: string;
      readonly type: string;
      readonly error: DecodeError;
    }
  | {
      readonly kind: 'CompensationFailed';
      readonly error: AppError;
      readonly compensationErrors: ReadonlyArray<AppError>;
    };

export const domainRefusal = (error: DomainError): AppError => ({ kind: 'DomainRefusal', error });

/** A store failure as the application reports it; the command handler retries conflicts first. */
export const fromStoreError = (error: StoreError): AppError => {
  switch (error.kind) {
    case 'WrongExpectedVersion':
      return { kind: 'ConcurrencyConflict', streamName: error.streamName, attempts: 1 };
    case 'StreamDeleted':
    case 'StoreUnavailable':
      return error;
    default:
      return assertNever(error);
  }
};
