import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import {
  addOrganization,
  removeOrganization,
  updateOrganization,
  type AppError,
} from '@helpdesk/application';
import { DomainNameInput, type DomainError } from '@helpdesk/domain';
import { NonEmptyString } from '@helpdesk/events';
import { findOrganization, listOrganizations } from '@helpdesk/projections';
import { afterWrite, found, readModel, type ApiEnv } from '../env';
import { notFound, type ApiError } from '../http/errors';
import { pinnedRevision } from '../http/etags';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply, type Reply } from '../http/reply';
import { admins, team, userRoute, type Route } from '../http/route';
import { organizationJson } from '../representations/organization';
import { IdParam } from './params';

const NewOrganizationBody = t.type({
  organization: t.intersection([
    t.type({ name: NonEmptyString }),
    t.partial({ domain_names: t.array(DomainNameInput) }),
  ]),
});

const OrganizationChangesBody = t.type({
  organization: t.partial({ name: NonEmptyString, domain_names: t.array(DomainNameInput) }),
});

/** A refused claim (R5.2) names its kind, hence the field; other refusals are the organization's. */
const fieldOf = (error: DomainError): string => {
  if (error.kind !== 'RuleViolation' || error.rule !== 'R5.2') return 'organization';
  return error.message.includes('organization_domain')
    ? 'organization.domain_names'
    : 'organization.name';
};

const refused = (error: AppError): ApiError => ({
  kind: 'App',
  error,
  field: error.kind === 'DomainRefusal' ? fieldOf(error.error) : 'organization',
});

const organizationReply = (
  env: ApiEnv,
  accountId: string,
  organizationId: string,
  status: number,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    found('organization', findOrganization(env.session, accountId, organizationId)),
    TE.chain((organization) =>
      organization.removed
        ? TE.left(notFound('organization'))
        : TE.right(
            reply(status, { organization: organizationJson(organization) }, organization.version),
          ),
    ),
  );

/** Organizations: names and domains unique in an account; removal is R2.9's start. */
export const organizationRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/organizations',
    roles: admins,
    body: NewOrganizationBody,
    handle: ({ caller, body }) =>
      pipe(
        addOrganization(env.commands, caller, {
          name: body.organization.name,
          domainNames: body.organization.domain_names ?? [],
        }),
        TE.mapLeft(refused),
        TE.chainFirst((result) => afterWrite(env, ['organizations'], result.position)),
        TE.chain((result) =>
          result.state === null
            ? TE.left<ApiError>({
                kind: 'Internal',
                message: 'a created organization does not exist',
              })
            : organizationReply(env, caller.accountId, result.state.id, 201),
        ),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/organizations',
    roles: team,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(listOrganizations(env.session, caller.accountId, pageRequestOf(query))),
        TE.map((page) => reply(200, listBody('organizations', page, organizationJson, url))),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/organizations/:id',
    roles: team,
    params: IdParam,
    handle: ({ caller, params }) => organizationReply(env, caller.accountId, params.id, 200),
  }),

  userRoute({
    method: 'put',
    path: '/organizations/:id',
    roles: admins,
    params: IdParam,
    body: OrganizationChangesBody,
    handle: ({ caller, params, body, ifMatch }) =>
      pipe(
        updateOrganization(
          env.commands,
          caller,
          params.id,
          {
            ...(body.organization.name === undefined ? {} : { name: body.organization.name }),
            ...(body.organization.domain_names === undefined
              ? {}
              : { domainNames: body.organization.domain_names }),
          },
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(refused),
        TE.chainFirst((result) => afterWrite(env, ['organizations'], result.position)),
        TE.chain(() => organizationReply(env, caller.accountId, params.id, 200)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/organizations/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params, ifMatch }) =>
      pipe(
        removeOrganization(env.commands, caller, params.id, pinnedRevision(ifMatch)),
        TE.mapLeft(refused),
        TE.chainFirst((result) => afterWrite(env, ['organizations'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),
];
