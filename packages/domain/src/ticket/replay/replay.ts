import * as E from 'fp-ts/Either';
import { evolve, initialState, type ExistingTicket } from '../state';
import { isAfter, type AsOf } from './as-of';
import type { TicketHistoryEntry } from './history';

/**
 * A ticket folded from its events: the decider's own state (requester, original requester R1.3,
 * organization, status, archived, CCs, ...) and what only the log's envelope says: its version
 * (the revision of its last event, the ETag) and when it was created and last changed.
 */
export interface ReplayedExisting {
  readonly exists: true;
  readonly state: ExistingTicket;
  readonly version: bigint;
  readonly createdAt: string;
  readonly createdPosition: bigint;
  readonly updatedAt: string;
}

/** Before its creation a ticket does not exist; events before it (none can be decided) are ignored, as `evolve` ignores them. */
export type ReplayedTicket = { readonly exists: false } | ReplayedExisting;

export const notReplayedYet: ReplayedTicket = { exists: false };

/** Folds one more event into the replayed ticket. */
export const replayStep = (replayed: ReplayedTicket, entry: TicketHistoryEntry): ReplayedTicket => {
  const state = evolve(replayed.exists ? replayed.state : initialState(), entry.event);
  if (!state.exists) return replayed;
  const occurredAt = entry.metadata.occurred_at;
  return {
    exists: true,
    state,
    version: entry.revision,
    createdAt: replayed.exists ? replayed.createdAt : occurredAt,
    createdPosition: replayed.exists ? replayed.createdPosition : entry.globalPosition,
    updatedAt: occurredAt,
  };
};

export const replayAll = (history: ReadonlyArray<TicketHistoryEntry>): ReplayedTicket =>
  history.reduce(replayStep, notReplayedYet);

/** A replay: the ticket as of a point of its history, and the events up to it. */
export interface TicketReplay {
  readonly ticket: ReplayedTicket;
  /** the events folded into `ticket`, oldest first */
  readonly events: ReadonlyArray<TicketHistoryEntry>;
  /** the last event folded: its revision and when it happened; null when none was (a time before the first event) */
  readonly asOf: { readonly revision: bigint; readonly time: string } | null;
}

/** A revision the stream has not reached: refused rather than answered with the head, so an auditor never reads a later state as the one asked for. */
export interface RevisionPastHead {
  readonly kind: 'RevisionPastHead';
  readonly requested: bigint;
  /** the last revision of the stream; null for an empty one */
  readonly head: bigint | null;
}

const includedCount = (history: ReadonlyArray<TicketHistoryEntry>, asOf: AsOf): number => {
  const first = history.findIndex((entry) =>
    isAfter(asOf, entry.metadata.occurred_at, entry.revision),
  );
  return first === -1 ? history.length : first;
};

/**
 * Replays a ticket's history (its stream, in order) to a point: the state there and the events up
 * to it. Pure: the history is read by the caller.
 */
export const replayTicket = (
  history: ReadonlyArray<TicketHistoryEntry>,
  asOf: AsOf,
): E.Either<RevisionPastHead, TicketReplay> => {
  const last = history[history.length - 1];
  if (asOf.kind === 'revision' && (last === undefined || asOf.revision > last.revision))
    return E.left({
      kind: 'RevisionPastHead',
      requested: asOf.revision,
      head: last?.revision ?? null,
    });
  const included = includedCount(history, asOf);
  const events = history.slice(0, included);
  const point = events[events.length - 1];
  return E.right({
    ticket: replayAll(events),
    events,
    asOf:
      point === undefined ? null : { revision: point.revision, time: point.metadata.occurred_at },
  });
};
