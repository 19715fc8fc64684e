import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { RequesterReason } from '@helpdesk/events';
import type { SqlSession } from '@helpdesk/event-store';
import { selectRows, type ReadModelError } from '../read-model/query';
import { Int, IsoTimestamp, nullable } from '../read-model/row-codecs';

/** A `date` column as `YYYY-MM-DD` (both clients would give a Date at local midnight). */
const dayColumn = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`;

const RequesterChangeRecord = t.type({
  ticket_id: t.string,
  previous_requester_id: t.string,
  requester_id: t.string,
  reason: RequesterReason,
  actor_type: t.string,
  actor_id: nullable(t.string),
  correlation_id: t.string,
  changed_at: IsoTimestamp,
});
export type RequesterChangeRow = t.TypeOf<typeof RequesterChangeRecord>;

/** R1.3: the requester changes of an account between two instants, oldest first (at most 1,000). */
export const requesterChangesBetween = (
  session: SqlSession,
  accountId: string,
  from: string,
  to: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<RequesterChangeRow>> =>
  selectRows(RequesterChangeRecord, 'requester changes')(
    session,
    `SELECT ticket_id, previous_requester_id, requester_id, reason, actor_type, actor_id,
       correlation_id, changed_at
     FROM requester_changes
     WHERE account_id = $1 AND changed_at >= $2::timestamptz AND changed_at < $3::timestamptz
     ORDER BY global_position LIMIT 1000`,
    [accountId, from, to],
  );

const ChangesPerDay = t.type({
  day: t.string,
  reason: RequesterReason,
  changes: Int,
  tickets: Int,
});
export type ChangesPerDay = t.TypeOf<typeof ChangesPerDay>;

export const requesterChangesPerDay = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<ChangesPerDay>> =>
  selectRows(ChangesPerDay, 'requester changes per day')(
    session,
    `SELECT ${dayColumn('day')} AS day, reason, changes, tickets
     FROM requester_changes_per_day WHERE account_id = $1 ORDER BY day, reason`,
    [accountId],
  );

const MergesPerDay = t.type({ day: t.string, merges: Int, completed: Int, tickets_moved: Int });

export interface MergesPerDay {
  readonly day: string;
  readonly merges: number;
  readonly completed: number;
  readonly ticketsMoved: number;
}

export const mergesPerDay = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<MergesPerDay>> =>
  pipe(
    selectRows(MergesPerDay, 'merges per day')(
      session,
      `SELECT ${dayColumn('day')} AS day, merges, completed, tickets_moved
       FROM merges_per_day WHERE account_id = $1 ORDER BY day`,
      [accountId],
    ),
    TE.map((rows) =>
      rows.map((r) => ({
        day: r.day,
        merges: r.merges,
        completed: r.completed,
        ticketsMoved: r.tickets_moved,
      })),
    ),
  );

const TicketsPerOrganization = t.type({
  organization_id: nullable(t.string),
  organization_name: nullable(t.string),
  organization_removed: t.boolean,
  tickets: Int,
  unarchived: Int,
  unsolved: Int,
});

export interface TicketsPerOrganization {
  /** null: the tickets without an organization */
  readonly organizationId: string | null;
  readonly organizationName: string | null;
  readonly organizationRemoved: boolean;
  readonly tickets: number;
  readonly unarchived: number;
  readonly unsolved: number;
}

/** Most tickets first. */
export const ticketsPerOrganization = (
  session: SqlSession,
  accountId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<TicketsPerOrganization>> =>
  pipe(
    selectRows(TicketsPerOrganization, 'tickets per organization')(
      session,
      `SELECT organization_id, organization_name, organization_removed, tickets, unarchived, unsolved
       FROM tickets_per_organization WHERE account_id = $1
       ORDER BY tickets DESC, organization_name NULLS LAST`,
      [accountId],
    ),
    TE.map((rows) =>
      rows.map((r) => ({
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        organizationRemoved: r.organization_removed,
        tickets: r.tickets,
        unarchived: r.unarchived,
        unsolved: r.unsolved,
      })),
    ),
  );
