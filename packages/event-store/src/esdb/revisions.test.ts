import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import type { ExpectedRevision } from '../port';
import {
  fromClientCurrentRevision,
  fromClientExpectedRevision,
  toClientExpectedRevision,
} from './revisions';

describe('expected revisions between the port and the EventStoreDB client', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [7n, 7n],
    [0n, 0n],
  ] as const)('maps %s to the client and back', (port, client) => {
    expect(toClientExpectedRevision(port)).toBe(client);
    expect(fromClientExpectedRevision(client)).toBe(port);
  });

  it.each([
    [-1n, 'no_stream'],
    [-2n, 'any'],
    [-4n, 'stream_exists'],
  ] as const)("reads the older protocols' number %s as %s", (legacy, port: ExpectedRevision) => {
    expect(fromClientExpectedRevision(legacy)).toBe(port);
  });

  it('reads a current revision, with -1 and "no_stream" both meaning no stream', () => {
    expect(fromClientCurrentRevision(3n)).toBe(3n);
    expect(fromClientCurrentRevision(0n)).toBe(0n);
    expect(fromClientCurrentRevision(-1n)).toBe('no_stream');
    expect(fromClientCurrentRevision(NO_STREAM)).toBe('no_stream');
  });
});
