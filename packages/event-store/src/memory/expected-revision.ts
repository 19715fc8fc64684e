import * as E from 'fp-ts/Either';
import type { ExpectedRevision, StreamRevision, WrongExpectedVersion } from '../port';

/** Whether a stream at `actual` satisfies `expected`; adapters that check in code share this rule. */
export const satisfiesExpectedRevision = (
  expected: ExpectedRevision,
  actual: StreamRevision,
): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
};

export const checkExpectedRevision = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamRevision,
): E.Either<WrongExpectedVersion, StreamRevision> =>
  satisfiesExpectedRevision(expected, actual)
    ? E.right(actual)
    : E.left({ kind: 'WrongExpectedVersion', streamName, expected, actual });
