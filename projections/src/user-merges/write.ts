import { column, insertRows, unnestSource, type Statement } from '../read-model/multi-row';
import type { MergeProgress, MergeStarted } from './fold';

const startColumns = [
  column<MergeStarted>('id', 'uuid', (m) => m.id),
  column<MergeStarted>('account_id', 'uuid', (m) => m.accountId),
  column<MergeStarted>('source_id', 'uuid', (m) => m.sourceId),
  column<MergeStarted>('target_id', 'uuid', (m) => m.targetId),
  column<MergeStarted>('correlation_id', 'text', (m) => m.correlationId),
  column<MergeStarted>('requested_by', 'uuid', (m) => m.requestedBy),
  column<MergeStarted>('status', 'text', () => 'queued'),
  column<MergeStarted>('progress', 'integer', () => 0),
  column<MergeStarted>('started_at', 'timestamptz', (m) => m.startedAt),
  column<MergeStarted>('updated_at', 'timestamptz', (m) => m.startedAt),
];

export const insertMerges = (rows: ReadonlyArray<MergeStarted>): Statement =>
  insertRows('user_merges', startColumns, rows, 'ON CONFLICT (id) DO NOTHING');

const progressColumns = [
  column<MergeProgress>('source_id', 'uuid', (p) => p.sourceId),
  column<MergeProgress>('moved', 'integer', (p) => p.ticketsMoved),
  column<MergeProgress>('completed', 'boolean', (p) => p.completed !== null),
  column<MergeProgress>('total', 'integer', (p) => p.completed?.ticketsRewritten ?? null),
  column<MergeProgress>('ccs_replaced', 'integer', (p) => p.completed?.ccsReplaced ?? null),
  column<MergeProgress>('at', 'timestamptz', (p) => p.at),
];

/**
 * Advances merges already started. The total is known once the merge completes (the events say
 * how many tickets a merge will move only at the end): until then it is null.
 */
export const advanceMerges = (rows: ReadonlyArray<MergeProgress>): Statement => {
  const source = unnestSource(progressColumns, rows, 'p');
  return {
    text: `UPDATE user_merges AS m SET
      progress = m.progress + p.moved,
      status = CASE WHEN p.completed THEN 'completed'
                    WHEN m.status = 'queued' THEN 'working' ELSE m.status END,
      total = coalesce(p.total, m.total),
      ccs_replaced = coalesce(p.ccs_replaced, m.ccs_replaced),
      completed_at = CASE WHEN p.completed THEN p.at ELSE m.completed_at END,
      updated_at = p.at
    FROM ${source.text}
    WHERE m.source_id = p.source_id`,
    params: source.params,
  };
};
