import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { addUser, deleteUser, updateUser } from '@helpdesk/application';
import { Role } from '@helpdesk/events';
import { listUsers, type UserView } from '@helpdesk/projections';
import type { UserPrincipal } from '../auth/principal';
import { afterWrite, ownerOf, readModel, type ApiEnv } from '../env';
import { fromAppError, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { pinnedRevision } from '../http/etags';
import { reply, type Reply } from '../http/reply';
import { everyone, team, userRoute, type Route } from '../http/route';
import { userJson } from '../representations/user';
import { IdParam } from './params';
import { NewUserBody, UserChangesBody, newUserOf, userChangesOf, userFieldOf } from './user-bodies';
import { userInView, userReplyBody, viewerOf } from './users-in-view';

const UsersQuery = t.intersection([PageQuery, t.exact(t.partial({ role: Role }))]);

const userReply = (
  env: ApiEnv,
  principal: UserPrincipal,
  userId: string,
  status: number,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    userInView(env, principal, userId),
    TE.chain((user: UserView) =>
      pipe(
        userReplyBody(env, principal, user),
        TE.map((body) => reply(status, body, user.version)),
      ),
    ),
  );

/** Users: create, list (by role), read, update, delete; `me` is the caller. */
export const userRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/users/me',
    roles: everyone,
    handle: ({ principal }) => userReply(env, principal, principal.user.id, 200),
  }),

  userRoute({
    method: 'post',
    path: '/users',
    roles: team,
    body: NewUserBody,
    handle: ({ caller, principal, body }) =>
      pipe(
        addUser(env.commands, caller, newUserOf(body.user, 'manual')),
        TE.mapLeft(fromAppError(userFieldOf('user'))),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.chain((result) =>
          result.state.exists
            ? userReply(env, principal, result.state.id, 201)
            : TE.left<ApiError>({ kind: 'Internal', message: 'a created user does not exist' }),
        ),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/users',
    roles: team,
    query: UsersQuery,
    handle: ({ principal, query, url }) =>
      pipe(
        TE.Do,
        TE.apS(
          'page',
          readModel(
            listUsers(
              env.session,
              principal.accountId,
              query.role === undefined ? {} : { role: query.role },
              pageRequestOf(query),
            ),
          ),
        ),
        TE.apS('ownerId', ownerOf(env, principal.accountId)),
        TE.map(({ page, ownerId }) =>
          reply(
            200,
            listBody('users', page, (u) => userJson(u, ownerId, viewerOf(principal)), url),
          ),
        ),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/users/:id',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, params }) => userReply(env, principal, params.id, 200),
  }),

  userRoute({
    method: 'put',
    path: '/users/:id',
    roles: everyone,
    params: IdParam,
    body: UserChangesBody,
    handle: ({ caller, principal, params, body, ifMatch }) =>
      pipe(
        updateUser(
          env.commands,
          caller,
          params.id,
          userChangesOf(body.user),
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError(userFieldOf('user'))),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.chain(() => userReply(env, principal, params.id, 200)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/users/:id',
    roles: team,
    params: IdParam,
    handle: ({ caller, principal, params, ifMatch }) =>
      pipe(
        deleteUser(env.commands, caller, params.id, pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('user')),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.chain(() => userReply(env, principal, params.id, 200)),
      ),
  }),
];
