import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { requestMerge } from '@helpdesk/application';
import { Uuid } from '@helpdesk/events';
import { findUserMerge, jobStatusOf } from '@helpdesk/projections';
import { readModel, type ApiEnv } from '../env';
import { fromAppError, notFound } from '../http/errors';
import { reply } from '../http/reply';
import { team, userRoute, type Route } from '../http/route';
import type { JobStatus } from '../jobs/merge-jobs';
import { IdParam } from './params';
import { userInView, userReplyBody } from './users-in-view';

const MergeBody = t.type({ user: t.type({ id: Uuid }) });

const jobJson = (job: Pick<JobStatus, 'id' | 'status' | 'total' | 'progress'>) => ({
  id: job.id,
  status: job.status,
  total: job.total,
  progress: job.progress,
});

/**
 * R3: `PUT /users/{source}/merge` decides the merge at once (a refusal is a 422 naming its rule)
 * and moves the tickets in the background; `GET /job_statuses/{id}` follows it.
 */
export const mergeRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'put',
    path: '/users/:id/merge',
    roles: team,
    params: IdParam,
    body: MergeBody,
    handle: ({ caller, principal, params, body }) =>
      pipe(
        requestMerge(env.commands, env.userTickets, caller, params.id, body.user.id),
        TE.mapLeft(fromAppError('user.id')),
        TE.map((requested) => env.jobs.start(caller, requested, requested.merged.globalPosition)),
        TE.chain((job) =>
          pipe(
            userInView(env, principal, body.user.id),
            TE.chain((target) => userReplyBody(env, principal, target)),
            TE.map((user) => reply(200, { ...user, job_status: jobJson(job) })),
          ),
        ),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/job_statuses/:id',
    roles: team,
    params: IdParam,
    handle: ({ principal, params }) => {
      const known = env.jobs.find(principal.accountId, params.id);
      // what only this process knows wins: a failure, or a completion the read model has yet to see
      if (known !== undefined && (known.status === 'failed' || known.status === 'completed'))
        return TE.right(reply(200, { job_status: jobJson(known) }));
      return pipe(
        readModel(findUserMerge(env.session, principal.accountId, params.id)),
        TE.chain(
          O.match(
            () =>
              known === undefined
                ? TE.left(notFound('job_status'))
                : TE.right(reply(200, { job_status: jobJson(known) })),
            (merge) => TE.right(reply(200, { job_status: jobJson(jobStatusOf(merge)) })),
          ),
        ),
      );
    },
  }),
];
