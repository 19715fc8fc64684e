import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { issueApiToken, listApiTokens, revokeApiToken, type Caller } from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import type { ApiEnv } from '../env';
import { fromAppError } from '../http/errors';
import { reply, showOnce } from '../http/reply';
import { admins, everyone, team, userRoute, type Route } from '../http/route';
import {
  apiTokenJson,
  listedApiTokenJson,
  withheldApiTokenJson,
} from '../representations/api-token';
import { ApiTokenIdParam, IdParam, UserApiTokenParams } from './params';

/**
 * API tokens: shown once, in the 201 that issues them; only their hash is kept. Listed by id and
 * date, and revoked by id: anyone their own, admins those of any user of the account. Each action
 * has a route for the caller (`me`) and one naming the user.
 */
export const apiTokenRoutes = (env: ApiEnv): ReadonlyArray<Route> => {
  const issue = (caller: Caller, userId: Uuid) =>
    pipe(
      issueApiToken(env.tokens, caller, userId),
      TE.bimap(fromAppError(), (issued) =>
        showOnce(
          201,
          { api_token: apiTokenJson(issued) },
          { api_token: withheldApiTokenJson(issued) },
        ),
      ),
    );
  const list = (caller: Caller, userId: Uuid) =>
    pipe(
      listApiTokens(env.tokens, caller, userId),
      TE.bimap(fromAppError(), (tokens) =>
        reply(200, { api_tokens: tokens.map(listedApiTokenJson) }),
      ),
    );
  const revoke = (caller: Caller, userId: Uuid, tokenId: Uuid) =>
    pipe(
      revokeApiToken(env.tokens, caller, userId, tokenId),
      TE.bimap(fromAppError(), () => reply(204, null)),
    );
  return [
    userRoute({
      method: 'post',
      path: '/users/me/api_tokens',
      roles: everyone,
      handle: ({ caller, principal }) => issue(caller, principal.user.id),
    }),
    userRoute({
      method: 'post',
      path: '/users/:id/api_tokens',
      roles: admins,
      params: IdParam,
      handle: ({ caller, params }) => issue(caller, params.id),
    }),
    userRoute({
      method: 'get',
      path: '/users/me/api_tokens',
      roles: everyone,
      handle: ({ caller, principal }) => list(caller, principal.user.id),
    }),
    userRoute({
      method: 'get',
      path: '/users/:id/api_tokens',
      roles: team,
      params: IdParam,
      handle: ({ caller, params }) => list(caller, params.id),
    }),
    userRoute({
      method: 'delete',
      path: '/users/me/api_tokens/:tokenId',
      roles: everyone,
      params: ApiTokenIdParam,
      handle: ({ caller, principal, params }) => revoke(caller, principal.user.id, params.tokenId),
    }),
    userRoute({
      method: 'delete',
      path: '/users/:id/api_tokens/:tokenId',
      roles: team,
      params: UserApiTokenParams,
      handle: ({ caller, params }) => revoke(caller, params.id, params.tokenId),
    }),
  ];
};
