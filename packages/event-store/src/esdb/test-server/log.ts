/**
 * The test server's in-memory log, with EventStoreDB's semantics: revisions count from 0 per
 * stream, positions grow strictly (by a record's size, like offsets in a transaction file, so
 * that code assuming consecutive positions fails here as it would on a real server).
 */

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** commit = prepare position: every write here is a single-stream, non-transactional write */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created` */
  readonly createdTicks: bigint;
}

export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** The last revision of a stream; undefined when it has no event. */
export type CurrentRevision = bigint | undefined;

export type WriteOutcome =
  | { readonly kind: 'written'; readonly current: CurrentRevision; readonly position?: bigint }
  | {
      readonly kind: 'wrong_expected_version';
      readonly expected: ExpectedState;
      readonly current: CurrentRevision;
    }
  | { readonly kind: 'stream_deleted' };

export type From = 'start' | 'end' | bigint;
export type Direction = 'forwards' | 'backwards';

export interface ReadRange {
  readonly from: From;
  readonly direction: Direction;
  readonly count: number;
}

const RECORD_OVERHEAD = 64n;
const TICKS_PER_MILLISECOND = 10_000n;

/** The one exhaustive look at an expected state: each caller names what the four cases mean. */
export const matchExpected = <R>(
  expected: ExpectedState,
  cases: {
    readonly any: () => R;
    readonly no_stream: () => R;
    readonly stream_exists: () => R;
    readonly revision: (revision: bigint) => R;
  },
): R => (expected.kind === 'revision' ? cases.revision(expected.revision) : cases[expected.kind]());

const satisfies = (expected: ExpectedState, current: CurrentRevision): boolean =>
  matchExpected(expected, {
    any: () => true,
    no_stream: () => current === undefined,
    stream_exists: () => current !== undefined,
    revision: (revision) => current === revision,
  });

/** Index of the first event whose key is >= `key` in an array sorted by that key. */
const lowerBound = (
  events: ReadonlyArray<LoggedEvent>,
  key: (e: LoggedEvent) => bigint,
  at: bigint,
) => {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(events[middle]!) < at) low = middle + 1;
    else high = middle;
  }
  return low;
};

const revisionOf = (e: LoggedEvent) => e.revision;
const positionOf = (e: LoggedEvent) => e.position;

/**
 * Reads `count` events of a sorted array. Forwards from a key includes it; backwards from a key
 * includes it for stream revisions (`inclusiveBackwards`) but not for `$all` positions, where
 * a position marks the start of a record and reading backwards returns the records before it.
 */
const slice = (
  events: ReadonlyArray<LoggedEvent>,
  key: (e: LoggedEvent) => bigint,
  range: ReadRange,
  inclusiveBackwards: boolean,
): LoggedEvent[] => {
  const { from, direction, count } = range;
  if (direction === 'forwards') {
    const start =
      from === 'start' ? 0 : from === 'end' ? events.length : lowerBound(events, key, from);
    return events.slice(start, start + count);
  }
  const end =
    from === 'end'
      ? events.length
      : from === 'start'
        ? 0
        : lowerBound(events, key, inclusiveBackwards ? from + 1n : from);
  return events.slice(Math.max(0, end - count), end).reverse();
};

export class InMemoryLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly tombstoned = new Set<string>();
  private readonly listeners = new Set<(event: LoggedEvent) => void>();
  private nextPosition = 0n;

  constructor(private readonly clock: () => number = Date.now) {}

  currentRevision(streamName: string): CurrentRevision {
    const stream = this.streams.get(streamName);
    return stream === undefined || stream.length === 0 ? undefined : BigInt(stream.length - 1);
  }

  /** The position of the last event, or undefined when the log is empty. */
  headPosition(): bigint | undefined {
    return this.all[this.all.length - 1]?.position;
  }

  /** Checks the expected state and appends every event, or none. Appending no event only checks. */
  append(
    streamName: string,
    expected: ExpectedState,
    proposed: ReadonlyArray<ProposedEvent>,
  ): WriteOutcome {
    if (this.tombstoned.has(streamName)) return { kind: 'stream_deleted' };
    const current = this.currentRevision(streamName);
    if (!satisfies(expected, current)) return { kind: 'wrong_expected_version', expected, current };
    if (proposed.length === 0) {
      const last =
        current === undefined ? undefined : this.streams.get(streamName)?.[Number(current)];
      return { kind: 'written', current, position: last?.position };
    }
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const createdTicks = BigInt(this.clock()) * TICKS_PER_MILLISECOND;
    const written = proposed.map((event) => this.record(streamName, stream, event, createdTicks));
    for (const event of written) for (const listener of this.listeners) listener(event);
    const last = written[written.length - 1]!;
    return { kind: 'written', current: last.revision, position: last.position };
  }

  /** A hard delete: the stream can never be written or read again. */
  tombstone(streamName: string, expected: ExpectedState): WriteOutcome {
    if (this.tombstoned.has(streamName)) return { kind: 'stream_deleted' };
    const current = this.currentRevision(streamName);
    if (!satisfies(expected, current)) return { kind: 'wrong_expected_version', expected, current };
    this.tombstoned.add(streamName);
    return { kind: 'written', current };
  }

  readStream(streamName: string, range: ReadRange): LoggedEvent[] | 'not_found' | 'deleted' {
    if (this.tombstoned.has(streamName)) return 'deleted';
    const stream = this.streams.get(streamName);
    if (stream === undefined) return 'not_found';
    return slice(stream, revisionOf, range, true);
  }

  readAll(range: ReadRange): LoggedEvent[] {
    return slice(this.all, positionOf, range, false);
  }

  /**
   * Registers a live listener and returns the events already strictly after `after` (all when
   * undefined). Handle the backlog before yielding to the event loop: appends made after this
   * call reach the listener, none made before it do.
   */
  subscribe(
    after: bigint | undefined,
    listener: (event: LoggedEvent) => void,
  ): { readonly backlog: LoggedEvent[]; readonly unsubscribe: () => void } {
    const start = after === undefined ? 0 : lowerBound(this.all, positionOf, after + 1n);
    this.listeners.add(listener);
    return { backlog: this.all.slice(start), unsubscribe: () => this.listeners.delete(listener) };
  }

  private record(
    streamName: string,
    stream: LoggedEvent[],
    event: ProposedEvent,
    createdTicks: bigint,
  ): LoggedEvent {
    const logged: LoggedEvent = {
      ...event,
      streamName,
      revision: BigInt(stream.length),
      position: this.nextPosition,
      createdTicks,
    };
    this.nextPosition +=
      RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamName.length);
    stream.push(logged);
    this.all.push(logged);
    return logged;
  }
}
