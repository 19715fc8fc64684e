import { streamNameFilter } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  Filter,
  Position,
  ResolvedEvent,
} from '@eventstore/db-client';
import type { EventFilter, RecordedEvent } from '../port';

/** Commit and prepare positions are equal for every event appended outside a transaction. */
export const clientPosition = (position: bigint): Position => ({
  commit: position,
  prepare: position,
});

/** An event as the client read it, in the port's shape; undefined for a record without an event. */
export const recordedEventOf = (
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined => {
  const event = resolved.event;
  const position = event?.position?.commit ?? resolved.commitPosition;
  if (event === undefined || position === undefined) return undefined;
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    globalPosition: position,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.created,
  };
};

/** The server's own streams (`$`-prefixed: settings, statistics, projections' links) are not ours. */
const isSystemStream = (streamName: string) => streamName.startsWith('$');

/** Which events a read or a subscription keeps: never system ones, and only the filter's streams. */
export const keeps =
  (filter: EventFilter | undefined) =>
  (event: RecordedEvent): boolean =>
    !isSystemStream(event.streamName) &&
    (filter === undefined ||
      filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix)));

/** The same filter for the server to apply, so that a subscription does not ship what it drops. */
export const serverFilter = (filter: EventFilter | undefined): Filter =>
  filter !== undefined && filter.streamPrefixes.length > 0
    ? streamNameFilter({ prefixes: [...filter.streamPrefixes] })
    : streamNameFilter({ regex: '^[^$]' });
