/** Conversions between the client's protobuf messages and the log's plain values. */
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type {
  AppendReq,
  BatchAppendReq,
  ReadReq,
  TombstoneReq,
} from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { ExpectedState, From, LoggedEvent, ProposedEvent } from './log';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

export const proposedEvent = (
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage,
): ProposedEvent => {
  const metadata = message.getMetadataMap();
  return {
    // this client sends ids, and asks for them, in their string form
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/** The expected state of an append (either protocol) or a delete. */
export const expectedState = (
  options: AppendReq.Options | BatchAppendReq.Options | TombstoneReq.Options,
): ExpectedState => {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if ('hasRevision' in options && options.hasRevision())
    return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if ('hasStreamPosition' in options && options.hasStreamPosition())
    return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  return { kind: 'any' };
};

export const streamFrom = (options: ReadReq.Options.StreamOptions): From =>
  options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? 'end' : 'start';

export const allFrom = (options: ReadReq.Options.AllOptions): From =>
  options.hasPosition()
    ? BigInt(options.getPosition()!.getCommitPosition())
    : options.hasEnd()
      ? 'end'
      : 'start';

const recordedEvent = (event: LoggedEvent): ReadResp.ReadEvent.RecordedEvent => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  return recorded;
};

export const eventResponse = (event: LoggedEvent): ReadResp =>
  new ReadResp().setEvent(
    new ReadResp.ReadEvent()
      .setEvent(recordedEvent(event))
      .setCommitPosition(event.position.toString()),
  );
