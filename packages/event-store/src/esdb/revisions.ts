import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision, StreamRevision } from '../port';

/** The port's expected revision as the client spells it. */
export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  if (typeof expected === 'bigint') return expected;
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default: {
      const _exhaustive: never = expected;
      return _exhaustive;
    }
  }
};

/**
 * Errors that travel in gRPC metadata (older servers, deletes) carry the numbers of the TCP
 * protocol for the expected states: -1 no stream, -2 any, -4 stream exists.
 */
const legacyExpected = (expected: bigint): ExpectedRevision =>
  expected === -1n ? 'no_stream' : expected === -4n ? 'stream_exists' : 'any';

/** The expected revision a conflict reports, in the port's words. */
export const fromClientExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision => {
  if (typeof expected === 'bigint') return expected >= 0n ? expected : legacyExpected(expected);
  switch (expected) {
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    default: {
      const _exhaustive: never = expected;
      return _exhaustive;
    }
  }
};

/** The revision a conflict reports the stream at; -1 is the older protocols' "no stream". */
export const fromClientCurrentRevision = (current: CurrentRevision): StreamRevision =>
  typeof current === 'bigint' && current >= 0n ? current : 'no_stream';
