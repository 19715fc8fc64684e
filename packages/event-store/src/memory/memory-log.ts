import {
  matchesFilter,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamRevision,
} from '../port';

/** An event as the memory store keeps it: data and metadata as JSON text, like a real store. */
interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: number;
}

// every read parses the text again, so no reader can change the log or another reader's copy
const toRecorded = (stored: StoredEvent): RecordedEvent => ({
  id: stored.id,
  type: stored.type,
  streamName: stored.streamName,
  revision: stored.revision,
  globalPosition: stored.globalPosition,
  data: JSON.parse(stored.data),
  metadata: JSON.parse(stored.metadata),
  recordedAt: new Date(stored.recordedAt),
});

const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, maxCount);

/**
 * The log of the in-memory store: one array in global order (position n is at index n - 1) and,
 * per stream, the indexes of its events. Every method is synchronous, which is what makes an
 * append atomic here: nothing else runs between its check and its write.
 */
export class MemoryLog {
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, number[]>();

  revisionOf(streamName: string): StreamRevision {
    const indexes = this.streams.get(streamName);
    return indexes === undefined ? 'no_stream' : BigInt(indexes.length - 1);
  }

  /** The position of a stream's last event; undefined for a missing stream. */
  lastPositionOf(streamName: string): bigint | undefined {
    const indexes = this.streams.get(streamName);
    const last = indexes?.[indexes.length - 1];
    return last === undefined ? undefined : this.events[last]!.globalPosition;
  }

  headPosition(): bigint | undefined {
    return this.events[this.events.length - 1]?.globalPosition;
  }

  /** Serialises first, so an event that is not JSON throws before anything is written. */
  append(streamName: string, events: ReadonlyArray<EventToAppend>, recordedAt: number): void {
    const serialised = events.map((event) => ({
      id: event.id,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    }));
    const indexes = this.streams.get(streamName) ?? [];
    for (const event of serialised) {
      indexes.push(this.events.length);
      this.events.push({
        ...event,
        streamName,
        revision: BigInt(indexes.length - 1),
        globalPosition: BigInt(this.events.length + 1),
        recordedAt,
      });
    }
    if (events.length > 0) this.streams.set(streamName, indexes);
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const indexes = this.streams.get(streamName) ?? [];
    const limit = limitOf(options.maxCount);
    const result: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      const last = indexes.length - 1;
      const from = options.fromRevision === undefined ? last : Number(options.fromRevision);
      for (let r = Math.min(from, last); r >= 0 && result.length < limit; r--)
        result.push(toRecorded(this.events[indexes[r]!]!));
    } else {
      const from = Math.max(0, Number(options.fromRevision ?? 0n));
      for (let r = from; r < indexes.length && result.length < limit; r++)
        result.push(toRecorded(this.events[indexes[r]!]!));
    }
    return result;
  }

  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const limit = limitOf(options.maxCount);
    const result: RecordedEvent[] = [];
    // position p sits at index p - 1, so the first event strictly after `after` is at index `after`
    const start = options.after === undefined ? 0 : Math.max(0, Number(options.after));
    for (let i = start; i < this.events.length && result.length < limit; i++) {
      const event = this.events[i]!;
      if (matchesFilter(options.filter, event.streamName)) result.push(toRecorded(event));
    }
    return result;
  }
}
