import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { authorizeIntegration, connectIntegration } from '@helpdesk/application';
import { NonEmptyString } from '@helpdesk/events';
import { findIntegration, listIntegrations } from '@helpdesk/projections';
import { afterWrite, found, readModel, type ApiEnv } from '../env';
import { fromAppError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply } from '../http/reply';
import { admins, userRoute, type Route } from '../http/route';
import { integrationJson } from '../representations/integration';
import { IdParam } from './params';

const NewIntegrationBody = t.type({ integration: t.type({ name: NonEmptyString }) });

const integrationReply = (env: ApiEnv, accountId: string, id: string, status: number) =>
  pipe(
    found('integration', findIntegration(env.session, accountId, id)),
    TE.map((integration) =>
      reply(status, { integration: integrationJson(integration) }, integration.version),
    ),
  );

/**
 * R4.5: integrations work under the authorisation of the owner who connected them; after a
 * transfer they wait for the new owner (the `integration_reauthorizations` process marks them).
 * Connecting and authorising are the owner's alone: other admins are refused with the rule.
 */
export const integrationRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/integrations',
    roles: admins,
    body: NewIntegrationBody,
    handle: ({ caller, body }) =>
      pipe(
        connectIntegration(env.commands, caller, body.integration.name),
        TE.mapLeft(fromAppError('integration')),
        TE.chainFirst((result) => afterWrite(env, ['integrations'], result.position)),
        TE.chain((result) => integrationReply(env, caller.accountId, result.state?.id ?? '', 201)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/integrations',
    roles: admins,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(listIntegrations(env.session, caller.accountId, pageRequestOf(query))),
        TE.map((page) => reply(200, listBody('integrations', page, integrationJson, url))),
      ),
  }),

  userRoute({
    method: 'put',
    path: '/integrations/:id/authorize',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params }) =>
      pipe(
        authorizeIntegration(env.commands, caller, params.id),
        TE.mapLeft(fromAppError('integration')),
        TE.chainFirst((result) => afterWrite(env, ['integrations'], result.position)),
        TE.chain(() => integrationReply(env, caller.accountId, params.id, 200)),
      ),
  }),
];
