/** Streams.Read: one call serves stream reads, `$all` reads and subscriptions. */
import type { ServerWritableStream, handleServerStreamingCall } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryLog, LoggedEvent, ReadRange } from './log';
import { invalidArgumentError, streamDeletedError } from './errors';
import { subscribe } from './subscriptions';
import type { Drop } from './subscriptions';
import { allFrom, eventResponse, streamFrom, streamNameOf } from './wire';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

const range = (options: ReadReq.Options, from: ReadRange['from']): ReadRange => ({
  from,
  direction:
    options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS
      ? 'backwards'
      : 'forwards',
  count: Number(options.getCount()),
});

const writeEvents = (call: ReadCall, events: ReadonlyArray<LoggedEvent>) => {
  for (const event of events) call.write(eventResponse(event));
  call.end();
};

/** A missing stream is a message, not an error; a deleted one is an error. */
const readStream = (
  log: InMemoryLog,
  call: ReadCall,
  options: ReadReq.Options.StreamOptions,
  count: ReadRange,
) => {
  const identifier = options.getStreamIdentifier();
  const streamName = streamNameOf(identifier);
  const events = log.readStream(streamName, { ...count, from: streamFrom(options) });
  if (events === 'deleted') return void call.emit('error', streamDeletedError(streamName));
  if (events === 'not_found') {
    call.write(
      new ReadResp().setStreamNotFound(
        new ReadResp.StreamNotFound().setStreamIdentifier(identifier),
      ),
    );
    return void call.end();
  }
  writeEvents(call, events);
};

export const read =
  (log: InMemoryLog, subscriptions: Set<Drop>): handleServerStreamingCall<ReadReq, ReadResp> =>
  (call) => {
    const options = call.request.getOptions();
    if (options === undefined)
      return void call.emit('error', invalidArgumentError('options are required'));
    if (options.hasSubscription()) return subscribe(log, subscriptions, call, options);
    const stream = options.getStream();
    if (stream !== undefined) return readStream(log, call, stream, range(options, 'start'));
    const all = options.getAll();
    if (all !== undefined) return writeEvents(call, log.readAll(range(options, allFrom(all))));
    call.emit('error', invalidArgumentError('read a stream or $all'));
  };
