import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { addIdentity, makePrimaryIdentity, removeIdentity } from '@helpdesk/application';
import { IdentityValue } from '@helpdesk/domain';
import type { UserPrincipal } from '../auth/principal';
import { afterWrite, type ApiEnv } from '../env';
import { fromAppError, notFound, type ApiError } from '../http/errors';
import { pinnedRevision } from '../http/etags';
import { reply, type Reply } from '../http/reply';
import { everyone, userRoute, type Route } from '../http/route';
import { identityJson } from '../representations/user';
import { IdParam, UserIdentityParams } from './params';
import { userInView } from './users-in-view';

const IdentityBody = t.type({
  identity: t.intersection([IdentityValue, t.partial({ verified: t.boolean })]),
});

const identitiesReply = (
  env: ApiEnv,
  principal: UserPrincipal,
  userId: string,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    userInView(env, principal, userId),
    TE.map((user) =>
      reply(
        200,
        { identities: user.identities.map((i) => identityJson(user.id, i)) },
        user.version,
      ),
    ),
  );

/** A user's email addresses, phone numbers and X handles (R5.2 for emails, R4.6). */
export const identityRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/users/:id/identities',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, params }) => identitiesReply(env, principal, params.id),
  }),

  userRoute({
    method: 'post',
    path: '/users/:id/identities',
    roles: everyone,
    params: IdParam,
    body: IdentityBody,
    handle: ({ caller, principal, params, body, ifMatch }) =>
      pipe(
        addIdentity(env.commands, caller, params.id, body.identity, pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('identity.value')),
        TE.chainFirst(({ result }) => afterWrite(env, ['users'], result.position)),
        TE.chain(({ identityId }) =>
          pipe(
            userInView(env, principal, params.id),
            TE.chain((user) => {
              const identity = user.identities.find((i) => i.id === identityId);
              return identity === undefined
                ? TE.left(notFound('identity'))
                : TE.right(reply(201, { identity: identityJson(user.id, identity) }, user.version));
            }),
          ),
        ),
      ),
  }),

  userRoute({
    method: 'put',
    path: '/users/:id/identities/:identityId/make_primary',
    roles: everyone,
    params: UserIdentityParams,
    handle: ({ caller, principal, params, ifMatch }) =>
      pipe(
        makePrimaryIdentity(
          env.commands,
          caller,
          params.id,
          params.identityId,
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError('identity')),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.chain(() => identitiesReply(env, principal, params.id)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/users/:id/identities/:identityId',
    roles: everyone,
    params: UserIdentityParams,
    handle: ({ caller, params, ifMatch }) =>
      pipe(
        removeIdentity(env.commands, caller, params.id, params.identityId, pinnedRevision(ifMatch)),
        TE.mapLeft(fromAppError('identity')),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),
];
