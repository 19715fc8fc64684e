import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { issueApiToken } from '@helpdesk/application';
import type { ApiEnv } from '../env';
import { fromAppError } from '../http/errors';
import { showOnce } from '../http/reply';
import { admins, everyone, userRoute, type Route } from '../http/route';
import { apiTokenJson, withheldApiTokenJson } from '../representations/api-token';
import { IdParam } from './params';

/** API tokens: shown once, in the 201 that issues them; only their hash is kept. */
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
];
