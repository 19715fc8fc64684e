import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { EventStoreDBClient, ReadPosition } from '@eventstore/db-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port';
import { clientPosition, keeps, recordedEventOf } from './recorded-events';
import { isStreamNotFound } from './store-errors';

/** Events per `$all` read when filtering on this side or scanning backwards. */
const PAGE_SIZE = 256;

type Keep = (event: RecordedEvent) => boolean;

const collect = async (
  read: AsyncIterable<Parameters<typeof recordedEventOf>[0]>,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = recordedEventOf(resolved);
    if (event !== undefined) events.push(event);
  }
  return events;
};

/** A stream's events; a missing stream reads as none. Throws what the client throws otherwise. */
export const readStreamEvents = async (
  client: EventStoreDBClient,
  streamName: string,
  { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {},
): Promise<RecordedEvent[]> => {
  if (maxCount !== undefined && maxCount <= 0) return [];
  const read = client.readStream(streamName, {
    direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
    fromRevision: fromRevision ?? (direction === 'forwards' ? START : END),
    ...(maxCount === undefined ? {} : { maxCount }),
  });
  return collect(read).catch((error: unknown) => {
    if (isStreamNotFound(error)) return [];
    throw error;
  });
};

const readPage = (
  client: EventStoreDBClient,
  fromPosition: ReadPosition,
  direction: typeof FORWARDS | typeof BACKWARDS,
  maxCount: number,
) => collect(client.readAll({ fromPosition, direction, maxCount }));

/**
 * Events strictly after `after` that the filter keeps, up to `maxCount`. EventStoreDB includes
 * the start position when reading `$all` forwards, and the client cannot filter a read, so this
 * reads pages, drops what it has already seen, and filters here.
 */
export const readAllAfter = async (
  client: EventStoreDBClient,
  { after, maxCount = Number.MAX_SAFE_INTEGER, filter }: ReadAllOptions = {},
): Promise<RecordedEvent[]> => {
  const keep = keeps(filter);
  const found: RecordedEvent[] = [];
  let cursor = after;
  while (found.length < maxCount) {
    const pageSize = Math.min(
      Math.max(maxCount - found.length + 1, PAGE_SIZE),
      Number.MAX_SAFE_INTEGER,
    );
    const page = await readPage(
      client,
      cursor === undefined ? START : clientPosition(cursor),
      FORWARDS,
      pageSize,
    );
    const last = cursor;
    for (const event of page)
      if (
        (last === undefined || event.globalPosition > last) &&
        keep(event) &&
        found.length < maxCount
      )
        found.push(event);
    if (page.length < pageSize) break;
    cursor = page[page.length - 1]!.globalPosition;
  }
  return found;
};

/**
 * The position of the last event the filter keeps, scanning `$all` backwards from its end and
 * stopping at `floor`: undefined when no such event lies after it.
 */
export const lastPositionKept = async (
  client: EventStoreDBClient,
  keep: Keep,
  floor?: bigint,
): Promise<bigint | undefined> => {
  let cursor: bigint | undefined;
  for (;;) {
    const page = await readPage(
      client,
      cursor === undefined ? END : clientPosition(cursor),
      BACKWARDS,
      PAGE_SIZE,
    );
    const before = cursor;
    for (const event of page) {
      if (before !== undefined && event.globalPosition >= before) continue;
      if (floor !== undefined && event.globalPosition <= floor) return undefined;
      if (keep(event)) return event.globalPosition;
    }
    if (page.length < PAGE_SIZE) return undefined;
    cursor = page[page.length - 1]!.globalPosition;
  }
};

/** The head of the log as the port means it: the last event that is not the server's own. */
export const headPosition = (client: EventStoreDBClient): Promise<bigint | undefined> =>
  lastPositionKept(client, keeps(undefined));
