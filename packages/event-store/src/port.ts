import type * as E from 'fp-ts/Either';
import type * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';

/**
 * The event-store port. Its semantics follow EventStoreDB's (revisions count from 0 per stream,
 * positions are a strictly increasing global order, a missing stream reads as empty) so that the
 * EventStoreDB, PostgreSQL, embedded PostgreSQL and in-memory adapters all fit it exactly.
 */

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `any`: no check; `no_stream`: the stream must not exist; `stream_exists`: it must; a bigint: its last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The revision a stream is at: the revision of its last event, or `no_stream`. */
export type StreamRevision = bigint | 'no_stream';

export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  /** position in its stream, from 0 */
  readonly revision: bigint;
  /** position in the whole log; strictly increasing in commit order, never reused */
  readonly globalPosition: bigint;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** the stream's revision after the append: pass it as the next expected revision */
  readonly nextExpectedRevision: bigint;
  /** the global position of the last event appended (of the stream's last event if none were) */
  readonly position: bigint;
}

export type StoreError =
  | {
      readonly kind: 'WrongExpectedVersion';
      readonly streamName: string;
      readonly expected: ExpectedRevision;
      readonly actual: StreamRevision;
    }
  | { readonly kind: 'StreamDeleted'; readonly streamName: string }
  | { readonly kind: 'StoreUnavailable'; readonly message: string; readonly cause?: unknown };

export type WrongExpectedVersion = Extract<StoreError, { kind: 'WrongExpectedVersion' }>;

export interface AppendRequest {
  readonly streamName: string;
  readonly events: ReadonlyArray<EventToAppend>;
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** first revision to read (inclusive); defaults to the start, or the end when reading backwards */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

/** Events whose stream name starts with one of the prefixes (`ticket-`, `user-`); all events when absent. */
export interface EventFilter {
  readonly streamPrefixes: ReadonlyArray<string>;
}

/** Whether a stream's events pass a filter: the one test every adapter and reader applies. */
export const matchesFilter = (filter: EventFilter | undefined, streamName: string): boolean => {
  if (filter === undefined) return true;
  // a loop, not `some`: its callback would be a new closure for every event tested
  for (const prefix of filter.streamPrefixes) if (streamName.startsWith(prefix)) return true;
  return false;
};

export interface ReadAllOptions {
  /** read events strictly after this global position; from the start when absent */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** a checkpoint: deliver events strictly after it; from the start when absent */
  readonly after?: bigint;
  readonly filter?: EventFilter;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** every event that existed when the subscription started has been delivered; live events follow */
  | { readonly kind: 'caught_up' };

/** Catch-up then live, each event exactly once and in global order; iterate it, then `close()`. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Appends atomically after checking the expected revision; appending no event only checks it. */
  appendToStream(
    streamName: string,
    events: ReadonlyArray<EventToAppend>,
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): TE.TaskEither<StoreError, AppendResult>;
  /**
   * Appends to many streams, each atomic on its own with its own expected revision, in as few round
   * trips as the store allows. One stream's conflict does not stop the others; results keep the order of the requests.
   */
  appendMany(
    requests: ReadonlyArray<AppendRequest>,
  ): T.Task<ReadonlyArray<E.Either<StoreError, AppendResult>>>;
  /** A missing stream reads as no events. */
  readStream(
    streamName: string,
    options?: ReadStreamOptions,
  ): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>>;
  /** One page of the log in global order. An empty page means there is nothing after `after` yet. */
  readAll(options?: ReadAllOptions): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>>;
  /**
   * `readAll`'s page handed to `each` event by event as it is read, where the store can do so
   * without collecting it (PostgreSQL and PGlite); resolves to how many were read. Events handed
   * over before a failure stand, in order. `each` must not throw.
   */
  readAllEach?(
    options: ReadAllOptions,
    each: (event: RecordedEvent) => void,
  ): TE.TaskEither<StoreError, number>;
  /** The global position of the last event in the log, or undefined when it is empty. */
  headPosition(): TE.TaskEither<StoreError, bigint | undefined>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
