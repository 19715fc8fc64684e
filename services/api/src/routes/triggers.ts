import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  changeTrigger,
  createTrigger,
  removeTrigger,
  type TriggerChanges,
} from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import { findTrigger, listTriggers, nextTriggerPosition } from '@helpdesk/projections';
import { afterWrite, foundOnceProjected, readModel, type ApiEnv } from '../env';
import { pinnedRevision } from '../http/etags';
import { fromAppError, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply, type Reply } from '../http/reply';
import { admins, userRoute, type Route } from '../http/route';
import { triggerJson } from '../representations/automation';
import {
  NewTriggerBody,
  TriggerChangesBody,
  conditionsOf,
  triggerActionOf,
} from './automation-bodies';
import { IdParam } from './params';

const triggerReply = (
  env: ApiEnv,
  accountId: string,
  triggerId: string,
  status: number,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    foundOnceProjected(env, 'trigger', 'triggers', streams.trigger(triggerId), () =>
      findTrigger(env.session, accountId, triggerId),
    ),
    TE.map((trigger) => reply(status, { trigger: triggerJson(trigger) }, trigger.version)),
  );

const changesOf = ({ trigger }: TriggerChangesBody): TriggerChanges => ({
  ...(trigger.title === undefined ? {} : { title: trigger.title }),
  ...(trigger.event === undefined ? {} : { event: trigger.event }),
  ...(trigger.conditions === undefined ? {} : { conditions: conditionsOf(trigger.conditions) }),
  ...(trigger.actions === undefined ? {} : { actions: trigger.actions.map(triggerActionOf) }),
  ...(trigger.stop_processing === undefined ? {} : { stopProcessing: trigger.stop_processing }),
  ...(trigger.active === undefined ? {} : { active: trigger.active }),
  ...(trigger.position === undefined ? {} : { position: trigger.position }),
});

/** Without a position, a new trigger runs after the account's others. */
const positionOf = (env: ApiEnv, accountId: string, body: NewTriggerBody) =>
  body.trigger.position === undefined
    ? readModel(nextTriggerPosition(env.session, accountId))
    : TE.right<ApiError, number>(body.trigger.position);

/** Triggers (R6.5): ticket automation, ordered by position; admins alone read and write them. */
export const triggerRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/triggers',
    roles: admins,
    body: NewTriggerBody,
    handle: ({ caller, body }) =>
      pipe(
        positionOf(env, caller.accountId, body),
        TE.chain((position) =>
          pipe(
            createTrigger(env.commands, caller, {
              title: body.trigger.title,
              event: body.trigger.event,
              conditions: conditionsOf(body.trigger.conditions),
              actions: body.trigger.actions.map(triggerActionOf),
              stopProcessing: body.trigger.stop_processing ?? false,
              active: body.trigger.active ?? true,
              position,
            }),
            TE.mapLeft(fromAppError('trigger')),
          ),
        ),
        TE.chainFirst((result) => afterWrite(env, ['triggers'], result.position)),
        TE.chain((result) => triggerReply(env, caller.accountId, result.state?.id ?? '', 201)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/triggers',
    roles: admins,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(listTriggers(env.session, caller.accountId, pageRequestOf(query))),
        TE.map((page) => reply(200, listBody('triggers', page, triggerJson, url))),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/triggers/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params }) => triggerReply(env, caller.accountId, params.id, 200),
  }),

  userRoute({
    method: 'put',
    path: '/triggers/:id',
    roles: admins,
    params: IdParam,
    body: TriggerChangesBody,
    handle: ({ caller, params, body, ifMatch }) =>
      pipe(
        changeTrigger(env.commands, caller, params.id, changesOf(body), pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('trigger')),
        TE.chainFirst((result) => afterWrite(env, ['triggers'], result.position)),
        TE.chain(() => triggerReply(env, caller.accountId, params.id, 200)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/triggers/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params, ifMatch }) =>
      pipe(
        removeTrigger(env.commands, caller, params.id, pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('trigger')),
        TE.chainFirst((result) => afterWrite(env, ['triggers'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),
];
