import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  StoreError,
} from '../port';
import {
  baseAfter,
  chainEvents,
  movesWithHead,
  newStream,
  wavesOf,
  type Base,
} from './append-plan';
import { chainOf, sealOf } from './event-hash';
import { createHeadCache, type StreamHead } from './head-cache';
import { forEachLimited } from './limited';
import { observedSubscription } from './observed-subscription';
import { createStreamTurns } from './stream-turns';

export interface ChainedEventStoreOptions {
  /** streams whose head (last revision and hash) is kept so that appending needs no read; 50,000 */
  readonly cacheSize?: number;
  /** tries of an `any` or `stream_exists` append whose stream keeps moving under it; 100 */
  readonly maxAttempts?: number;
  /** streams read at once to find the heads an `appendMany` call does not know; 16 */
  readonly readConcurrency?: number;
}

type Outcome = E.Either<StoreError, AppendResult>;
type Send = (requests: ReadonlyArray<AppendRequest>) => Promise<ReadonlyArray<Outcome>>;

/** A request as it is sent: chained, with the exact revision its chain was computed for. */
interface Prepared {
  readonly index: number;
  readonly attempt: number;
  readonly request: AppendRequest;
  readonly base?: Base;
  /** the stream's head once the append succeeds; absent for an append of no events */
  readonly head?: StreamHead;
}

interface Pending {
  readonly index: number;
  readonly attempt: number;
}

const unavailable = (message: string, cause?: unknown): StoreError => ({
  kind: 'StoreUnavailable',
  message,
  cause,
});

/**
 * Tamper evidence for any event store (docs/event-store.md, "Hash chain"): every appended event's
 * metadata gets `chain: {previous, hash}`, linking it to the event before it in its stream.
 *
 * The hash depends on the revision an event lands at and on its predecessor's hash, so every
 * append goes to the inner store with an exact expected revision: `no_stream` lands at 0; a
 * revision r lands at r + 1 after the event at r; `any` and `stream_exists` take the stream's head
 * and, when another writer moved it meanwhile, take the new head and try again. Two appends can
 * therefore never chain to the same predecessor. Heads come from a bounded LRU fed by this store's
 * own appends, its stream reads (a command handler reads a stream before appending to it) and the
 * events it reads or delivers from the whole log (the worker's projections), so the usual append
 * reads nothing more; an unknown head costs one read of the stream's last event.
 */
export const chainedEventStore = (
  store: EventStore,
  options: ChainedEventStoreOptions = {},
): EventStore => {
  const heads = createHeadCache(options.cacheSize ?? 50_000);
  const maxAttempts = options.maxAttempts ?? 100;
  const readConcurrency = options.readConcurrency ?? 16;
  const turns = createStreamTurns();

  const learn = (events: ReadonlyArray<RecordedEvent>): StreamHead | undefined => {
    const first = events[0];
    const last = events[events.length - 1];
    if (first === undefined || last === undefined) return undefined;
    const newest = first.revision > last.revision ? first : last;
    const known = heads.get(newest.streamName);
    if (known !== undefined && known.revision >= newest.revision) return known;
    const head = { revision: newest.revision, hash: sealOf(newest) };
    heads.remember(newest.streamName, head);
    return head;
  };

  // what every reader of the log through this store sees (the worker's projections see every
  // append, whichever process made it), at the cost of a lookup per event; unchained events are
  // skipped
  const learnDelivered = (event: RecordedEvent): void => {
    const known = heads.get(event.streamName);
    if (known !== undefined && known.revision >= event.revision) return;
    const recorded = chainOf(event.metadata);
    if (recorded.kind === 'chained')
      heads.remember(event.streamName, { revision: event.revision, hash: recorded.chain.hash });
  };

  const knownBase = (request: AppendRequest): Base | undefined => {
    const expected = request.expectedRevision;
    if (expected === 'no_stream') return newStream;
    const head = heads.get(request.streamName);
    if (head === undefined || (typeof expected === 'bigint' && head.revision !== expected))
      return undefined;
    return { after: head.revision, previous: head.hash };
  };

  const readBase = async (request: AppendRequest): Promise<E.Either<StoreError, Base>> => {
    const read = await store.readStream(request.streamName, {
      direction: 'backwards',
      maxCount: 1,
    })();
    return E.isLeft(read) ? read : baseAfter(request, learn(read.right));
  };

  const prepare = (
    item: Pending,
    request: AppendRequest,
    base: E.Either<StoreError, Base>,
  ): E.Either<StoreError, Prepared> => {
    if (E.isLeft(base)) return base;
    try {
      const chained = chainEvents(request.streamName, base.right, request.events);
      const after = base.right.after;
      return E.right({
        ...item,
        request: { ...request, events: chained.events, expectedRevision: after },
        base: base.right,
        head: chained.head,
      });
    } catch (cause) {
      return E.left(unavailable(`events for ${request.streamName} are not JSON`, cause));
    }
  };

  /** Appends requests to distinct streams, retrying `any` and `stream_exists` ones that met a moved head. */
  const appendWave = async (
    requests: ReadonlyArray<AppendRequest>,
    indexes: ReadonlyArray<number>,
    outcomes: Outcome[],
    send: Send,
  ): Promise<void> => {
    let pending: Pending[] = indexes.map((index) => ({ index, attempt: 1 }));
    while (pending.length > 0) {
      const prepared: Array<Prepared | undefined> = new Array(pending.length);
      const settle = (slot: number, base: E.Either<StoreError, Base>) => {
        const item = pending[slot]!;
        const ready = prepare(item, requests[item.index]!, base);
        if (E.isLeft(ready)) outcomes[item.index] = ready;
        else prepared[slot] = ready.right;
      };
      const misses: number[] = [];
      pending.forEach((item, slot) => {
        const request = requests[item.index]!;
        // appending nothing only checks the expected revision: nothing to chain
        if (request.events.length === 0) prepared[slot] = { ...item, request };
        else {
          const base = knownBase(request);
          if (base === undefined) misses.push(slot);
          else settle(slot, E.right(base));
        }
      });
      if (misses.length > 0)
        await forEachLimited(misses, readConcurrency, async (slot) =>
          settle(slot, await readBase(requests[pending[slot]!.index]!)),
        );
      const ready = prepared.filter((p): p is Prepared => p !== undefined);
      const results = ready.length === 0 ? [] : await send(ready.map((p) => p.request));
      pending = [];
      results.forEach((result, k) => {
        const sent = ready[k]!;
        const original = requests[sent.index]!;
        if (E.isRight(result)) {
          if (sent.head !== undefined && result.right.nextExpectedRevision === sent.head.revision)
            heads.remember(original.streamName, sent.head);
          outcomes[sent.index] = result;
          return;
        }
        if (sent.base !== undefined && sent.base.after !== 'no_stream')
          heads.forget(original.streamName, sent.base.after);
        const retriable =
          result.left.kind === 'WrongExpectedVersion' &&
          sent.head !== undefined &&
          movesWithHead(original);
        if (!retriable) {
          outcomes[sent.index] =
            result.left.kind === 'WrongExpectedVersion'
              ? E.left({ ...result.left, expected: original.expectedRevision })
              : result;
        } else if (sent.attempt < maxAttempts) {
          pending.push({ index: sent.index, attempt: sent.attempt + 1 });
        } else {
          outcomes[sent.index] = E.left(
            unavailable(
              `${original.streamName} kept moving under the append: gave up after ${maxAttempts} attempts`,
            ),
          );
        }
      });
    }
  };

  const appendAll = async (
    requests: ReadonlyArray<AppendRequest>,
    send: Send,
  ): Promise<ReadonlyArray<Outcome>> => {
    // appends that take whatever head they find queue up per stream in this process: racing, n of
    // them would cost n² tries; an exact revision needs no turn (only one such append can win)
    const queued = requests.filter((r) => movesWithHead(r) && r.events.length > 0);
    const endTurn =
      queued.length === 0 ? undefined : await turns.take(queued.map((r) => r.streamName));
    try {
      const outcomes: Outcome[] = new Array(requests.length);
      for (const wave of wavesOf(requests)) await appendWave(requests, wave, outcomes, send);
      return outcomes;
    } finally {
      endTurn?.();
    }
  };

  const sendOne: Send = async ([request]) => [
    await store.appendToStream(request!.streamName, request!.events, {
      expectedRevision: request!.expectedRevision,
    })(),
  ];

  return {
    appendToStream: (streamName, events, appendOptions) => async () =>
      (
        await appendAll(
          [{ streamName, events, expectedRevision: appendOptions?.expectedRevision ?? 'any' }],
          sendOne,
        )
      )[0]!,
    appendMany: (requests) => () =>
      requests.length === 0
        ? Promise.resolve([])
        : appendAll(requests, (sent) => store.appendMany(sent)()),
    readStream: (streamName, readOptions) =>
      pipe(
        store.readStream(streamName, readOptions),
        TE.map((events) => {
          learn(events);
          return events;
        }),
      ),
    readAll: (readOptions) =>
      pipe(
        store.readAll(readOptions),
        TE.map((events) => {
          events.forEach(learnDelivered);
          return events;
        }),
      ),
    ...(store.readAllEach === undefined
      ? {}
      : {
          readAllEach: (readOptions: ReadAllOptions, each: (event: RecordedEvent) => void) =>
            store.readAllEach!(readOptions, (event) => {
              learnDelivered(event);
              each(event);
            }),
        }),
    headPosition: () => store.headPosition(),
    subscribeToAll: (subscribeOptions) =>
      observedSubscription(store.subscribeToAll(subscribeOptions), learnDelivered),
    close: () => store.close(),
  };
};
