import type * as TE from 'fp-ts/TaskEither';
import type { ExistingTicket } from '@helpdesk/domain';
import type { Channel, Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';

/**
 * What the process managers read besides the event store. `projections` answers each from a read
 * model and the worker wires them; tests answer from the log itself.
 */

/**
 * A ticket as the tickets read model holds it: the state its stream had at revision `version`.
 * Deciding against it and appending with `version` as the expected revision is as safe as loading
 * the stream: if the stream moved on, the store refuses the append.
 */
export interface TicketSnapshot {
  readonly ticket: ExistingTicket;
  readonly version: bigint;
  /** the global position of the ticket's creation: where the next page starts */
  readonly createdPosition: bigint;
}

export type SnapshotQuery =
  /** R3.6, R3.7: the tickets a user requests (archived included) or is CC on (not archived) */
  | { readonly kind: 'involving'; readonly accountId: Uuid; readonly userId: Uuid }
  /** R2.8: the non-archived tickets a user requests in an organization */
  | {
      readonly kind: 'requested_in';
      readonly accountId: Uuid;
      readonly requesterId: Uuid;
      readonly organizationId: Uuid;
    }
  /** R2.9: the non-archived tickets of an organization */
  | { readonly kind: 'in_organization'; readonly accountId: Uuid; readonly organizationId: Uuid };

export interface SnapshotPage {
  readonly snapshots: ReadonlyArray<TicketSnapshot>;
  /** pass it as `after` for the next page; undefined after the last one */
  readonly next: bigint | undefined;
}

export interface TicketSnapshots {
  /** at most `limit` tickets created after `after`, oldest first */
  readonly page: (
    query: SnapshotQuery,
    after: bigint | undefined,
    limit: number,
  ) => TE.TaskEither<AppError, SnapshotPage>;
}

export type ReadModelName = 'tickets' | 'users' | 'ticket_audits';

export interface ReadModelProgress {
  /** resolves once the read model has taken into account every event up to `position` */
  readonly waitFor: (name: ReadModelName, position: bigint) => TE.TaskEither<AppError, void>;
}

export interface MergeTallyCount {
  readonly ticketsRewritten: number;
  readonly ccsReplaced: number;
}

/**
 * What a merge changed, counted from what was recorded rather than by the process, so that a
 * merge resumed after a crash still reports every ticket (R3.9).
 */
export interface MergeTally {
  readonly count: (
    accountId: Uuid,
    correlationId: string,
    sourceId: Uuid,
  ) => TE.TaskEither<AppError, MergeTallyCount>;
}

export interface OrganizationMembers {
  /** R2.9: the users who belong to the organization */
  readonly memberIds: (
    accountId: Uuid,
    organizationId: Uuid,
  ) => TE.TaskEither<AppError, ReadonlyArray<Uuid>>;
}

/** A merge as its process manager remembers it, so that later ticket events can find it. */
export interface KnownMerge {
  readonly mergeId: Uuid;
  readonly accountId: Uuid;
  readonly sourceId: Uuid;
  readonly targetId: Uuid;
  readonly correlationId: string;
  readonly channel: Channel;
  readonly position: bigint;
}

/**
 * The merges the merge process manager has taken on, kept durably: a ticket event that names a
 * merged user after the merge was carried out must still be moved (R3.5, R3.6).
 */
export interface MergeRegistry {
  readonly record: (merge: KnownMerge) => TE.TaskEither<AppError, void>;
  /** the merges whose source is one of these users */
  readonly ofSources: (
    userIds: ReadonlyArray<Uuid>,
  ) => TE.TaskEither<AppError, ReadonlyArray<KnownMerge>>;
}

/** Where a process manager stands in the log, kept durably so that a restart resumes there. */
export interface ProcessCheckpoints {
  readonly read: (name: string) => TE.TaskEither<AppError, bigint | undefined>;
  readonly write: (name: string, position: bigint) => TE.TaskEither<AppError, void>;
}

/** One JSON line per entry in production (pino); quiet in tests. */
export interface ProcessLogger {
  readonly info: (message: string, details?: Readonly<Record<string, unknown>>) => void;
  readonly error: (message: string, details?: Readonly<Record<string, unknown>>) => void;
}
