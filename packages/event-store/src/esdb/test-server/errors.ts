/**
 * Errors as EventStoreDB sends them. On unary and streaming calls: a gRPC status whose
 * `exception` metadata key names the error, with its facts in further keys. Inside a
 * BatchAppend response: a google.rpc.Status whose details pack the error message.
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { StreamDeleted, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import type { StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { matchExpected } from './log';
import type { CurrentRevision, ExpectedState } from './log';
import { Any, Empty } from './protobuf-runtime';

const serverError = (
  code: status,
  details: string,
  exception: string,
  facts: Record<string, string>,
): ServerErrorResponse => {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  for (const [key, value] of Object.entries(facts)) metadata.set(key, value);
  return { name: exception, message: details, code, details, metadata };
};

export const wrongExpectedVersionError = (
  streamName: string,
  expected: ExpectedState,
  current: CurrentRevision,
): ServerErrorResponse =>
  serverError(status.FAILED_PRECONDITION, 'Wrong expected version.', 'wrong-expected-version', {
    'stream-name': streamName,
    // the numbers of the older protocols
    'expected-version': matchExpected(expected, {
      any: () => '-2',
      no_stream: () => '-1',
      stream_exists: () => '-4',
      revision: (revision) => revision.toString(),
    }),
    'actual-version': (current ?? -1n).toString(),
  });

export const streamDeletedError = (streamName: string): ServerErrorResponse =>
  serverError(
    status.FAILED_PRECONDITION,
    `Event stream '${streamName}' is deleted.`,
    'stream-deleted',
    {
      'stream-name': streamName,
    },
  );

export const invalidArgumentError = (details: string): ServerErrorResponse => ({
  name: 'invalid-argument',
  message: details,
  code: status.INVALID_ARGUMENT,
  details,
});

const packed = (
  code: Code,
  message: string,
  details: { serializeBinary(): Uint8Array },
  typeName: string,
) => {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
};

export const wrongExpectedVersionStatus = (
  expected: ExpectedState,
  current: CurrentRevision,
): Status => {
  const details = new WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  matchExpected(expected, {
    any: () => details.setExpectedAny(new Empty()),
    no_stream: () => details.setExpectedNoStream(new Empty()),
    stream_exists: () => details.setExpectedStreamExists(new Empty()),
    revision: (revision) => details.setExpectedStreamPosition(revision.toString()),
  });
  return packed(
    Code.FAILED_PRECONDITION,
    'Wrong expected version.',
    details,
    'event_store.client.WrongExpectedVersion',
  );
};

export const streamDeletedStatus = (identifier: StreamIdentifier): Status =>
  packed(
    Code.FAILED_PRECONDITION,
    'Stream deleted.',
    new StreamDeleted().setStreamIdentifier(identifier),
    'event_store.client.StreamDeleted',
  );
