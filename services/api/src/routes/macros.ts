import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { changeMacro, createMacro, removeMacro } from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import { findMacro, listMacros } from '@helpdesk/projections';
import { afterWrite, foundOnceProjected, readModel, type ApiEnv } from '../env';
import { pinnedRevision } from '../http/etags';
import { fromAppError, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply, type Reply } from '../http/reply';
import { admins, team, userRoute, type Route } from '../http/route';
import { macroJson } from '../representations/automation';
import { MacroChangesBody, NewMacroBody, macroActionOf } from './automation-bodies';
import { IdParam } from './params';

const macroReply = (
  env: ApiEnv,
  accountId: string,
  macroId: string,
  status: number,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    foundOnceProjected(env, 'macro', 'macros', streams.macro(macroId), () =>
      findMacro(env.session, accountId, macroId),
    ),
    TE.map((macro) => reply(status, { macro: macroJson(macro) }, macro.version)),
  );

/**
 * Macros (R6.6): canned responses that admins write and the team reads, to apply one to a reply
 * (`POST /tickets/{id}/replies` with `macro_id`).
 */
export const macroRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/macros',
    roles: admins,
    body: NewMacroBody,
    handle: ({ caller, body }) =>
      pipe(
        createMacro(env.commands, caller, {
          title: body.macro.title,
          body: body.macro.body,
          actions: (body.macro.actions ?? []).map(macroActionOf),
        }),
        TE.mapLeft(fromAppError('macro')),
        TE.chainFirst((result) => afterWrite(env, ['macros'], result.position)),
        TE.chain((result) => macroReply(env, caller.accountId, result.state?.id ?? '', 201)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/macros',
    roles: team,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(listMacros(env.session, caller.accountId, pageRequestOf(query))),
        TE.map((page) => reply(200, listBody('macros', page, macroJson, url))),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/macros/:id',
    roles: team,
    params: IdParam,
    handle: ({ caller, params }) => macroReply(env, caller.accountId, params.id, 200),
  }),

  userRoute({
    method: 'put',
    path: '/macros/:id',
    roles: admins,
    params: IdParam,
    body: MacroChangesBody,
    handle: ({ caller, params, body, ifMatch }) =>
      pipe(
        changeMacro(
          env.commands,
          caller,
          params.id,
          {
            ...(body.macro.title === undefined ? {} : { title: body.macro.title }),
            ...(body.macro.body === undefined ? {} : { body: body.macro.body }),
            ...(body.macro.actions === undefined
              ? {}
              : { actions: body.macro.actions.map(macroActionOf) }),
          },
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError('macro')),
        TE.chainFirst((result) => afterWrite(env, ['macros'], result.position)),
        TE.chain(() => macroReply(env, caller.accountId, params.id, 200)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/macros/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params, ifMatch }) =>
      pipe(
        removeMacro(env.commands, caller, params.id, pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('macro')),
        TE.chainFirst((result) => afterWrite(env, ['macros'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),
];
