import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { selectRows, type ReadModelError } from '../read-model/query';
import { Int } from '../read-model/row-codecs';

const Tally = t.type({ tickets_rewritten: Int, ccs_replaced: Int });

export interface MergeChanges {
  /** R3.6: requester changes from the source */
  readonly ticketsRewritten: number;
  /** R3.7: the source replaced, or removed where the target already was a CC */
  readonly ccsReplaced: number;
}

/**
 * What one merge changed on tickets, counted from their audits: the changes of its correlation id
 * whose previous value is the source. Counting what was recorded, rather than what one run of the
 * process did, keeps the total right when the process resumed after a crash (R3.9).
 */
export const countMergeChanges = (
  session: SqlSession,
  accountId: string,
  correlationId: string,
  sourceId: string,
): TE.TaskEither<ReadModelError, MergeChanges> =>
  pipe(
    selectRows(Tally, 'merge changes')(
      session,
      `SELECT
         count(*) FILTER (WHERE event_type = 'RequesterChanged' AND events @> jsonb_build_array(
           jsonb_build_object('field_name', 'requester_id', 'previous_value', $3::text))
         )::int AS tickets_rewritten,
         count(*) FILTER (WHERE event_type IN ('CollaboratorReplaced', 'CollaboratorRemoved')
           AND events @> jsonb_build_array(
             jsonb_build_object('field_name', 'collaborator_id', 'previous_value', $3::text))
         )::int AS ccs_replaced
       FROM ticket_audits
       WHERE account_id = $1 AND correlation_id = $2 AND rel = 'merge'`,
      [accountId, correlationId, sourceId],
    ),
    TE.map((rows) => ({
      ticketsRewritten: rows[0]?.tickets_rewritten ?? 0,
      ccsReplaced: rows[0]?.ccs_replaced ?? 0,
    })),
  );
