import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { selectRows, type ReadModelError } from '../read-model/query';
import { TicketStateRecord } from './rows';

/**
 * Tickets as snapshots for the process managers (merge, organization removal): every field a
 * ticket's decisions read, and `version`, the revision of the ticket's stream the row reflects.
 * A process decides against the row and appends with `version` expected: a row that lags behind
 * its stream only costs a reload (the store refuses the append), never a wrong decision.
 */

export type TicketSnapshotQuery =
  /** R3.6, R3.7: requested by the user (archived included), or copied to them (not archived) */
  | { readonly kind: 'involving'; readonly accountId: string; readonly userId: string }
  /** R2.8 */
  | {
      readonly kind: 'requested_in';
      readonly accountId: string;
      readonly requesterId: string;
      readonly organizationId: string;
    }
  /** R2.9 */
  | {
      readonly kind: 'in_organization';
      readonly accountId: string;
      readonly organizationId: string;
    };

export type TicketSnapshotRow = t.TypeOf<typeof TicketStateRecord>;

export interface TicketSnapshotPage {
  readonly rows: ReadonlyArray<TicketSnapshotRow>;
  /** the cursor of the next page; undefined after the last one */
  readonly next: bigint | undefined;
}

const columns = `id, account_id, subject, status, archived, requester_id, original_requester_id,
  submitter_id, organization_id, collaborator_ids, channel, version::text AS version,
  created_position::text AS created_position`;

/** The query's condition on `$4` (and `$5`); `$1` is the account, `$2` the cursor, `$3` the limit. */
const conditionOf = (query: TicketSnapshotQuery): { text: string; params: string[] } => {
  switch (query.kind) {
    case 'involving':
      return {
        text: '(requester_id = $4 OR (collaborator_ids @> ARRAY[$4::uuid] AND NOT archived))',
        params: [query.userId],
      };
    case 'requested_in':
      return {
        text: 'requester_id = $4 AND organization_id = $5 AND NOT archived',
        params: [query.requesterId, query.organizationId],
      };
    case 'in_organization':
      return { text: 'organization_id = $4 AND NOT archived', params: [query.organizationId] };
  }
};

const selectSnapshots = selectRows(TicketStateRecord, 'ticket snapshots');

/**
 * At most `limit` tickets created after `after`, oldest first. The order names the table's column:
 * a bare `created_position` would sort by the text alias of the select list, "100" before "29".
 */
export const ticketSnapshotPage = (
  session: SqlSession,
  query: TicketSnapshotQuery,
  after: bigint | undefined,
  limit: number,
): TE.TaskEither<ReadModelError, TicketSnapshotPage> => {
  const condition = conditionOf(query);
  return pipe(
    selectSnapshots(
      session,
      `SELECT ${columns} FROM tickets
       WHERE account_id = $1 AND created_position > $2::bigint AND ${condition.text}
       ORDER BY tickets.created_position LIMIT $3`,
      [query.accountId, (after ?? -1n).toString(), limit, ...condition.params],
    ),
    TE.map((rows) => ({
      rows,
      next: rows.length === limit ? rows[rows.length - 1]!.created_position : undefined,
    })),
  );
};
