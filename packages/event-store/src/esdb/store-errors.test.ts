import {
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { isStreamNotFound, storeErrorOf } from './store-errors';

const serviceError = (code: status, entries: Record<string, string>): ServiceError => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return Object.assign(new Error('failed'), { code, details: 'failed', metadata });
};

describe('client errors as store errors', () => {
  it('keeps the stream, the expected and the actual revision of a conflict', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'ticket-1',
      expected: 'no_stream',
      current: 4n,
    });
    expect(storeErrorOf(error)).toEqual({
      kind: 'WrongExpectedVersion',
      streamName: 'ticket-1',
      expected: 'no_stream',
      actual: 4n,
    });
  });

  it('reads a conflict that travelled in gRPC metadata, numbers and all', () => {
    const error = new WrongExpectedVersionError(
      serviceError(status.FAILED_PRECONDITION, {
        exception: 'wrong-expected-version',
        'stream-name': 'user-1',
        'expected-version': '-4',
        'actual-version': '-1',
      }),
    );
    expect(storeErrorOf(error)).toEqual({
      kind: 'WrongExpectedVersion',
      streamName: 'user-1',
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('names the deleted stream', () => {
    expect(storeErrorOf(StreamDeletedError.fromStreamName('ticket-2'))).toEqual({
      kind: 'StreamDeleted',
      streamName: 'ticket-2',
    });
  });

  it('says the store is unavailable for anything else, keeping the cause', () => {
    const unavailable = new UnavailableError(serviceError(status.UNAVAILABLE, {}));
    expect(storeErrorOf(unavailable)).toEqual({
      kind: 'StoreUnavailable',
      message: 'failed',
      cause: unavailable,
    });
    expect(storeErrorOf('boom')).toMatchObject({ kind: 'StoreUnavailable', cause: 'boom' });
  });

  it('recognises a missing stream', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'x-1'))).toBe(true);
    expect(isStreamNotFound(StreamDeletedError.fromStreamName('x-1'))).toBe(false);
  });
});
