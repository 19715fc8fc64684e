import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { selectOne, type ReadModelError } from '../read-model/query';
import { Int, IsoTimestamp, nullable, oneOf } from '../read-model/row-codecs';

export type MergeStatus = 'queued' | 'working' | 'completed';

const MergeRecord = t.type({
  id: t.string,
  account_id: t.string,
  source_id: t.string,
  target_id: t.string,
  correlation_id: t.string,
  requested_by: nullable(t.string),
  status: oneOf<MergeStatus>(['queued', 'working', 'completed'], 'MergeStatus'),
  progress: Int,
  total: nullable(Int),
  ccs_replaced: nullable(Int),
  started_at: IsoTimestamp,
  updated_at: IsoTimestamp,
  completed_at: nullable(IsoTimestamp),
});
type MergeRecord = t.TypeOf<typeof MergeRecord>;

export interface UserMergeView {
  /** the id of the `UserMerged` event: the job status id */
  readonly id: string;
  readonly accountId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly correlationId: string;
  readonly requestedBy: string | null;
  readonly status: MergeStatus;
  /** tickets moved to the target so far (R3.6) */
  readonly progress: number;
  /** tickets the merge moved in all, known once it completed */
  readonly total: number | null;
  readonly ccsReplaced: number | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
}

const toView = (r: MergeRecord): UserMergeView => ({
  id: r.id,
  accountId: r.account_id,
  sourceId: r.source_id,
  targetId: r.target_id,
  correlationId: r.correlation_id,
  requestedBy: r.requested_by,
  status: r.status,
  progress: r.progress,
  total: r.total,
  ccsReplaced: r.ccs_replaced,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  completedAt: r.completed_at,
});

const findWhere =
  (condition: string) =>
  (
    session: SqlSession,
    accountId: string,
    value: string,
  ): TE.TaskEither<ReadModelError, O.Option<UserMergeView>> =>
    pipe(
      selectOne(MergeRecord, 'user merges')(
        session,
        `SELECT id, account_id, source_id, target_id, correlation_id, requested_by, status,
           progress, total, ccs_replaced, started_at, updated_at, completed_at
         FROM user_merges WHERE account_id = $1 AND ${condition}
         ORDER BY started_at DESC LIMIT 1`,
        [accountId, value],
      ),
      TE.map(O.map(toView)),
    );

/** `GET /api/v2/job_statuses/{id}`: the merge whose `UserMerged` event has this id. */
export const findUserMerge = findWhere('id = $2::uuid');

/** The merge of a source user (R3.5: a user is merged once). */
export const findUserMergeOfSource = findWhere('source_id = $2::uuid');

/** The merge a request started, by the correlation id every event of the merge shares. */
export const findUserMergeByCorrelation = findWhere('correlation_id = $2');

/** The API's job status document; `total` stays null until the merge completes. */
export const jobStatusOf = (merge: UserMergeView) => ({
  id: merge.id,
  status: merge.status,
  total: merge.total,
  progress: merge.progress,
});
