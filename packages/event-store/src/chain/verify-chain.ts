import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore, RecordedEvent, StoreError } from '../port';
import { chainOf, recomputedHash } from './event-hash';

/** Where an event sits, for a finding about it. */
export interface EventPlace {
  readonly streamName: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly id: string;
}

/** One sign that the log is not as it was appended. */
export type ChainFinding =
  /** the event's content no longer hashes to its recorded hash (or its chain is malformed) */
  | ({ readonly kind: 'altered'; readonly reason: string } & EventPlace)
  /** the event's `previous` is not the recorded hash of the event now before it in its stream */
  | ({
      readonly kind: 'broken_link';
      readonly expected: string | null;
      readonly found: string | null;
    } & EventPlace)
  /** revisions `from`..`to` of the stream are absent: events were removed */
  | {
      readonly kind: 'missing';
      readonly streamName: string;
      readonly from: bigint;
      readonly to: bigint;
      /** the global position of the event found after the gap */
      readonly before: bigint;
    }
  /** a revision met again or out of order in the global log */
  | ({ readonly kind: 'out_of_order'; readonly expectedRevision: bigint } & EventPlace)
  /** the event carries no chain (appended before chaining, or the chain was removed) */
  | ({ readonly kind: 'unchained' } & EventPlace)
  /**
   * with dense positions: more positions are absent from the log than revisions from the streams,
   * so `count` events were removed from the end of their streams (or with their whole stream)
   */
  | {
      readonly kind: 'missing_positions';
      readonly count: bigint;
      /** the first position gaps (at most 100) */
      readonly gaps: ReadonlyArray<{ readonly from: bigint; readonly to: bigint }>;
    };

export interface ChainReport {
  readonly events: number;
  readonly streams: number;
  readonly findings: ReadonlyArray<ChainFinding>;
}

export interface VerifyChainOptions {
  /** events per read of the log; 1,000 */
  readonly pageSize?: number;
  /**
   * the store numbers positions 1, 2, 3, … without holes (PostgreSQL, PGlite, memory; not
   * EventStoreDB), so a hole is a removed event even at the end of a stream
   */
  readonly densePositions?: boolean;
  /** called after each page */
  readonly onProgress?: (progress: { readonly events: number; readonly position: bigint }) => void;
}

const placeOf = (event: RecordedEvent): EventPlace => ({
  streamName: event.streamName,
  revision: event.revision,
  globalPosition: event.globalPosition,
  id: event.id,
});

interface Seen {
  readonly revision: bigint;
  /** what the next event of the stream must name as `previous` */
  readonly seal: string;
}

const maxGapsListed = 100;

/**
 * Reads the whole log page by page and checks every event against its chain: its hash recomputed
 * from its content, its link to the event before it in its stream, the revisions between them.
 * Memory holds one page and, per stream, its last revision and hash.
 */
export const verifyChain =
  (store: EventStore, options: VerifyChainOptions = {}): TE.TaskEither<StoreError, ChainReport> =>
  async () => {
    const pageSize = options.pageSize ?? 1_000;
    const streams = new Map<string, Seen>();
    const findings: ChainFinding[] = [];
    const gaps: Array<{ from: bigint; to: bigint }> = [];
    let missingRevisions = 0n;
    let missingPositions = 0n;
    let densePosition = 0n;
    let after: bigint | undefined;
    let events = 0;

    const check = (event: RecordedEvent): void => {
      const seen = streams.get(event.streamName);
      const expectedRevision = seen === undefined ? 0n : seen.revision + 1n;
      if (event.revision < expectedRevision)
        findings.push({ kind: 'out_of_order', expectedRevision, ...placeOf(event) });
      if (event.revision > expectedRevision) {
        findings.push({
          kind: 'missing',
          streamName: event.streamName,
          from: expectedRevision,
          to: event.revision - 1n,
          before: event.globalPosition,
        });
        missingRevisions += event.revision - expectedRevision;
      }
      // a link can only be checked against the event that is really before it
      const expectedPrevious =
        event.revision === 0n ? null : event.revision === expectedRevision ? seen!.seal : undefined;
      const recorded = chainOf(event.metadata);
      let seal: string;
      switch (recorded.kind) {
        case 'none':
          findings.push({ kind: 'unchained', ...placeOf(event) });
          seal = recomputedHash(event, null);
          break;
        case 'malformed':
          findings.push({ kind: 'altered', reason: 'its chain is malformed', ...placeOf(event) });
          seal = recomputedHash(event, null);
          break;
        case 'chained': {
          const { previous, hash } = recorded.chain;
          seal = hash;
          if (recomputedHash(event, previous) !== hash)
            findings.push({
              kind: 'altered',
              reason: 'its content does not hash to its recorded hash',
              ...placeOf(event),
            });
          if (expectedPrevious !== undefined && previous !== expectedPrevious)
            findings.push({
              kind: 'broken_link',
              expected: expectedPrevious,
              found: previous,
              ...placeOf(event),
            });
          break;
        }
        default: {
          const _exhaustive: never = recorded;
          return _exhaustive;
        }
      }
      if (seen === undefined || event.revision > seen.revision)
        streams.set(event.streamName, { revision: event.revision, seal });
    };

    const notePosition = (at: bigint): void => {
      if (at > densePosition + 1n) {
        missingPositions += at - densePosition - 1n;
        if (gaps.length < maxGapsListed) gaps.push({ from: densePosition + 1n, to: at - 1n });
      }
      densePosition = at;
    };

    for (;;) {
      const page = await store.readAll({
        ...(after === undefined ? {} : { after }),
        maxCount: pageSize,
      })();
      if (E.isLeft(page)) return page;
      if (page.right.length === 0) break;
      for (const event of page.right) {
        if (options.densePositions === true) notePosition(event.globalPosition);
        check(event);
        after = event.globalPosition;
      }
      events += page.right.length;
      options.onProgress?.({ events, position: after! });
    }
    if (options.densePositions === true && missingPositions > missingRevisions)
      findings.push({
        kind: 'missing_positions',
        count: missingPositions - missingRevisions,
        gaps,
      });
    return E.right({ events, streams: streams.size, findings });
  };
