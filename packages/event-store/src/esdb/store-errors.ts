import { ErrorType, isCommandError } from '@eventstore/db-client';
import type { StoreError } from '../port';
import { fromClientCurrentRevision, fromClientExpectedRevision } from './revisions';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : `EventStoreDB failed: ${String(error)}`;

/**
 * What the client threw, as the port's error. Conflicts and deleted streams keep their facts;
 * anything else (unreachable server, timeout, refused credentials, ...) means the store could
 * not do what was asked.
 */
export const storeErrorOf = (error: unknown): StoreError => {
  if (error instanceof Error && isCommandError(error)) {
    switch (error.type) {
      case ErrorType.WRONG_EXPECTED_VERSION:
        return {
          kind: 'WrongExpectedVersion',
          streamName: error.streamName,
          expected: fromClientExpectedRevision(error.expectedVersion),
          actual: fromClientCurrentRevision(error.actualVersion),
        };
      case ErrorType.STREAM_DELETED:
        return { kind: 'StreamDeleted', streamName: error.streamName };
      default:
        break;
    }
  }
  return { kind: 'StoreUnavailable', message: messageOf(error), cause: error };
};

export const isStreamNotFound = (error: unknown): boolean =>
  error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
