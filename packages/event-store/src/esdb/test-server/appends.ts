/** Streams.BatchAppend, Streams.Append and Streams.Tombstone: the writes the client makes. */
import type {
  handleBidiStreamingCall,
  handleClientStreamingCall,
  handleUnaryCall,
} from '@grpc/grpc-js';
import {
  AppendResp,
  BatchAppendResp,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import type {
  AppendReq,
  BatchAppendReq,
  TombstoneReq,
} from '@eventstore/db-client/generated/streams_pb';
import {
  AllStreamPosition,
  Empty as ClientEmpty,
  UUID,
} from '@eventstore/db-client/generated/shared_pb';
import { matchExpected } from './log';
import type { ExpectedState, InMemoryLog, ProposedEvent, WriteOutcome } from './log';
import {
  invalidArgumentError,
  streamDeletedError,
  streamDeletedStatus,
  wrongExpectedVersionError,
  wrongExpectedVersionStatus,
} from './errors';
import { Empty } from './protobuf-runtime';
import { expectedState, proposedEvent, streamNameOf } from './wire';

type Written = Extract<WriteOutcome, { kind: 'written' }>;

const batchSuccess = ({ current, position }: Written): BatchAppendResp.Success => {
  const success = new BatchAppendResp.Success();
  if (current === undefined) success.setNoStream(new Empty());
  else success.setCurrentRevision(current.toString());
  if (position === undefined) success.setNoPosition(new Empty());
  else
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(position.toString())
        .setPreparePosition(position.toString()),
    );
  return success;
};

const echoExpected = (response: BatchAppendResp, expected: ExpectedState): BatchAppendResp =>
  matchExpected(expected, {
    any: () => response.setAny(new Empty()),
    no_stream: () => response.setNoStream(new Empty()),
    stream_exists: () => response.setStreamExists(new Empty()),
    revision: (revision) => response.setStreamPosition(revision.toString()),
  });

const batchResponse = (
  log: InMemoryLog,
  correlationId: UUID,
  options: BatchAppendReq.Options,
  events: ReadonlyArray<ProposedEvent>,
): BatchAppendResp => {
  const identifier = options.getStreamIdentifier()!;
  const expected = expectedState(options);
  const response = echoExpected(
    new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(identifier),
    expected,
  );
  const outcome = log.append(streamNameOf(identifier), expected, events);
  switch (outcome.kind) {
    case 'written':
      return response.setSuccess(batchSuccess(outcome));
    case 'wrong_expected_version':
      return response.setError(wrongExpectedVersionStatus(outcome.expected, outcome.current));
    case 'stream_deleted':
      return response.setError(streamDeletedStatus(identifier));
    default: {
      const _exhaustive: never = outcome;
      return _exhaustive;
    }
  }
};

/**
 * One long-lived bidirectional stream carries many appends, told apart by correlation id. Options
 * come with a request's first chunk; its events are buffered until the chunk marked final.
 */
export const batchAppend =
  (log: InMemoryLog): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  (call) => {
    const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId() ?? new UUID();
      const key = correlationId.getString();
      const options = request.getOptions();
      const batch = pending.get(key) ?? (options && { options, events: [] });
      if (batch === undefined)
        return void call.emit('error', invalidArgumentError('options must come first'));
      batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
      if (!request.getIsFinal()) return void pending.set(key, batch);
      pending.delete(key);
      call.write(batchResponse(log, correlationId, batch.options, batch.events));
    });
    call.on('end', () => call.end());
  };

const appendResponse = (outcome: Written): AppendResp => {
  const success = new AppendResp.Success();
  if (outcome.current === undefined) success.setNoStream(new ClientEmpty());
  else success.setCurrentRevision(outcome.current.toString());
  if (outcome.position === undefined) success.setNoPosition(new ClientEmpty());
  else
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString()),
    );
  return new AppendResp().setSuccess(success);
};

const wrongExpectedVersionResponse = (expected: ExpectedState, current: bigint | undefined) => {
  const details = new AppendResp.WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new ClientEmpty());
  else details.setCurrentRevision(current.toString());
  matchExpected(expected, {
    any: () => details.setExpectedAny(new ClientEmpty()),
    no_stream: () => details.setExpectedNoStream(new ClientEmpty()),
    stream_exists: () => details.setExpectedStreamExists(new ClientEmpty()),
    revision: (revision) => details.setExpectedRevision(revision.toString()),
  });
  return new AppendResp().setWrongExpectedVersion(details);
};

/** The older, one-append-per-call protocol: options first, then one message per event. */
export const append =
  (log: InMemoryLog): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message !== undefined) events.push(proposedEvent(message));
    });
    call.on('end', () => {
      if (options === undefined) return callback(invalidArgumentError('options must come first'));
      const streamName = streamNameOf(options.getStreamIdentifier());
      const outcome = log.append(streamName, expectedState(options), events);
      switch (outcome.kind) {
        case 'written':
          return callback(null, appendResponse(outcome));
        case 'wrong_expected_version':
          return callback(null, wrongExpectedVersionResponse(outcome.expected, outcome.current));
        case 'stream_deleted':
          return callback(streamDeletedError(streamName));
        default: {
          const _exhaustive: never = outcome;
          return _exhaustive;
        }
      }
    });
  };

/** A hard delete; its errors travel as gRPC status, as EventStoreDB sends them for deletes. */
export const tombstone =
  (log: InMemoryLog): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    if (options === undefined) return callback(invalidArgumentError('options are required'));
    const streamName = streamNameOf(options.getStreamIdentifier());
    const outcome = log.tombstone(streamName, expectedState(options));
    switch (outcome.kind) {
      case 'written':
        return callback(null, new TombstoneResp().setNoPosition(new ClientEmpty()));
      case 'wrong_expected_version':
        return callback(wrongExpectedVersionError(streamName, outcome.expected, outcome.current));
      case 'stream_deleted':
        return callback(streamDeletedError(streamName));
      default: {
        const _exhaustive: never = outcome;
        return _exhaustive;
      }
    }
  };
