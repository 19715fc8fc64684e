import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { issueApiToken, listApiTokens, revokeApiToken } from '@helpdesk/application';
import type { ApiEnv } from '../env';
import { fromAppError } from '../http/errors';
import { reply, showOnce } from '../http/reply';
import { admins, everyone, team, userRoute, type Route } from '../http/route';
import {
  apiTokenJson,
  listedApiTokenJson,
  withheldApiTokenJson,
} from '../representations/api-token';
import { IdParam, UserApiTokenParams, ApiTokenIdParam } from './params';

/**
 * API tokens: shown once, in the 201 that issues them; only their hash is kept. Listed by id and
 * date, and revoked by id: anyone their own, admins those of any user of the account.
 */
export const apiTokenRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/users/me/api_tokens',
    roles: everyone,
    handle: ({ caller, principal }) =>
      pipe(
        issueApiToken(env.tokens, caller, principal.user.id),
        TE.bimap(fromAppError(), (issued) =>
          showOnce(
            201,
            { api_token: apiTokenJson(issued) },
            { api_token: withheldApiTokenJson(issued) },
          ),
        ),
      ),
  }),
  userRoute({
    method: 'post',
    path: '/users/:id/api_tokens',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params }) =>
      pipe(
        issueApiToken(env.tokens, caller, params.id),
        TE.bimap(fromAppError(), (issued) =>
          showOnce(
            201,
            { api_token: apiTokenJson(issued) },
            { api_token: withheldApiTokenJson(issued) },
          ),
        ),
      ),
  }),
  userRoute({
    method: 'get',
    path: '/users/me/api_tokens',
    roles: everyone,
    handle: ({ caller, principal }) =>
      pipe(
        listApiTokens(env.tokens, caller, principal.user.id),
        TE.bimap(fromAppError(), (tokens) =>
          reply(200, { api_tokens: tokens.map(listedApiTokenJson) }),
        ),
      ),
  }),
  userRoute({
    method: 'get',
    path: '/users/:id/api_tokens',
    roles: team,
    params: IdParam,
    handle: ({ caller, params }) =>
      pipe(
        listApiTokens(env.tokens, caller, params.id),
        TE.bimap(fromAppError(), (tokens) =>
          reply(200, { api_tokens: tokens.map(listedApiTokenJson) }),
        ),
      ),
  }),
  userRoute({
    method: 'delete',
    path: '/users/me/api_tokens/:tokenId',
    roles: everyone,
    params: ApiTokenIdParam,
    handle: ({ caller, principal, params }) =>
      pipe(
        revokeApiToken(env.tokens, caller, principal.user.id, params.tokenId),
        TE.bimap(fromAppError(), () => reply(204, null)),
      ),
  }),
  userRoute({
    method: 'delete',
    path: '/users/:id/api_tokens/:tokenId',
    roles: team,
    params: UserApiTokenParams,
    handle: ({ caller, params }) =>
      pipe(
        revokeApiToken(env.tokens, caller, params.id, params.tokenId),
        TE.bimap(fromAppError(), () => reply(204, null)),
      ),
  }),
];
