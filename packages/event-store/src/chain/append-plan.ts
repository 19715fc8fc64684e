import * as E from 'fp-ts/Either';
import type { AppendRequest, EventToAppend, JsonObject, StoreError } from '../port';
import { eventHash, withoutChain } from './event-hash';
import type { StreamHead } from './head-cache';

// How a chained append is planned: where its events land and what they chain to. Pure.

/** Where a request's events land: right after `after` (an exact revision, or a new stream). */
export interface Base {
  readonly after: bigint | 'no_stream';
  readonly previous: string | null;
}

export const newStream: Base = { after: 'no_stream', previous: null };

/** `any` and `stream_exists` append after whatever head the stream has when they land. */
export const movesWithHead = (request: AppendRequest): boolean =>
  request.expectedRevision === 'any' || request.expectedRevision === 'stream_exists';

/** Groups request indexes so that no stream is twice in one group; a later group sees the earlier's outcome. */
export const wavesOf = (requests: ReadonlyArray<AppendRequest>): number[][] => {
  if (requests.length === 1) return [[0]];
  const seen = new Map<string, number>();
  const waves: number[][] = [];
  requests.forEach((request, index) => {
    const wave = seen.get(request.streamName) ?? 0;
    seen.set(request.streamName, wave + 1);
    (waves[wave] ??= []).push(index);
  });
  return waves;
};

/** The base a stream's last event (or its absence) gives a request, or the conflict it is. */
export const baseAfter = (
  request: AppendRequest,
  last: StreamHead | undefined,
): E.Either<StoreError, Base> => {
  const found: Base | undefined =
    last === undefined ? undefined : { after: last.revision, previous: last.hash };
  const expected = request.expectedRevision;
  switch (expected) {
    case 'any':
      return E.right(found ?? newStream);
    case 'no_stream':
      return E.right(newStream);
    case 'stream_exists':
      return found !== undefined
        ? E.right(found)
        : E.left({
            kind: 'WrongExpectedVersion',
            streamName: request.streamName,
            expected,
            actual: 'no_stream',
          });
    default:
      return found !== undefined && found.after === expected
        ? E.right(found)
        : E.left({
            kind: 'WrongExpectedVersion',
            streamName: request.streamName,
            expected,
            actual: last?.revision ?? 'no_stream',
          });
  }
};

/** The events with their chain in the metadata, and the head they leave the stream at. */
export const chainEvents = (
  streamName: string,
  base: Base,
  events: ReadonlyArray<EventToAppend>,
): { readonly events: EventToAppend[]; readonly head: StreamHead } => {
  let previous = base.previous;
  let revision = base.after === 'no_stream' ? 0n : base.after + 1n;
  const chained = events.map((event) => {
    const hash = eventHash({ ...event, streamName, revision, previous });
    const metadata: JsonObject = {
      ...(withoutChain(event.metadata) as JsonObject),
      chain: { previous, hash },
    };
    previous = hash;
    revision += 1n;
    return { ...event, metadata };
  });
  return { events: chained, head: { revision: revision - 1n, hash: previous! } };
};
