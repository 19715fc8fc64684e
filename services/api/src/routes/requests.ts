import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { openTicket } from '@helpdesk/application';
import {
  canSeeInPortal,
  portalTicketFilter,
  portalViewerOf,
  type DomainError,
  type PortalViewer,
} from '@helpdesk/domain';
import { NonEmptyString, Uuid, nullable, streams } from '@helpdesk/events';
import { findTicket, ticketsInPortalView } from '@helpdesk/projections';
import type { UserPrincipal } from '../auth/principal';
import { foundOnceProjected, readModel, type ApiEnv } from '../env';
import { fromAppError, notFound, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply } from '../http/reply';
import { everyone, userRoute, type Route } from '../http/route';
import { requestJson } from '../representations/request';
import { IdParam } from './params';
import { ticketAfterCommand } from './ticket-views';

const NewRequestBody = t.type({
  request: t.intersection([
    t.type({ subject: NonEmptyString, comment: t.type({ body: NonEmptyString }) }),
    t.partial({ organization_id: nullable(Uuid) }),
  ]),
});

/** Where a refused request shows in `details`: its organization (R2.4), or the request. */
const requestFieldOf = (error: DomainError): string =>
  error.kind === 'RuleViolation' && (error.rule === 'R2.4' || error.rule === 'R2.2')
    ? 'request.organization_id'
    : 'request';

/**
 * Whose requests the caller sees: an end user as the portal shows them (R6.9); an agent or admin,
 * as in Zendesk's Requests API, only the tickets they request themselves.
 */
const viewerOf = (principal: UserPrincipal): PortalViewer =>
  portalViewerOf(principal.user) ?? { userId: principal.user.id, primaryContactOf: [] };

/**
 * `GET|POST /api/v2/requests`: an end user's requests in the portal (R6.9). They see the tickets
 * they request and, as a primary contact, all of that organization's; any other ticket is not
 * found. A new request is a ticket the caller requests, from the portal (R2.4).
 */
export const requestRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/requests',
    roles: everyone,
    query: PageQuery,
    handle: ({ principal, query, url }) =>
      pipe(
        readModel(
          ticketsInPortalView(
            env.session,
            principal.accountId,
            portalTicketFilter(viewerOf(principal)),
            pageRequestOf(query),
          ),
        ),
        TE.map((tickets) => reply(200, listBody('requests', tickets, requestJson, url))),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/requests/:id',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, params }) =>
      pipe(
        foundOnceProjected(env, 'request', 'tickets', streams.ticket(params.id), () =>
          findTicket(env.session, principal.accountId, params.id),
        ),
        TE.filterOrElse(
          (ticket) => canSeeInPortal(viewerOf(principal), ticket),
          (): ApiError => notFound('request'),
        ),
        TE.map((ticket) => reply(200, { request: requestJson(ticket) }, ticket.version)),
      ),
  }),

  userRoute({
    method: 'post',
    path: '/requests',
    roles: everyone,
    body: NewRequestBody,
    handle: ({ principal, caller, body }) =>
      pipe(
        openTicket(
          env.commands,
          { ...caller, channel: 'portal' },
          {
            subject: body.request.subject,
            requester: { kind: 'user', userId: principal.user.id },
            comment: { body: body.request.comment.body, public: true },
            channel: 'portal',
            ...(body.request.organization_id === undefined
              ? {}
              : { organizationId: body.request.organization_id }),
          },
        ),
        TE.mapLeft(fromAppError(requestFieldOf)),
        TE.chain((opened) => ticketAfterCommand(env, principal.accountId, opened.ticket)),
        TE.map((ticket) => reply(201, { request: requestJson(ticket) }, ticket.version)),
      ),
  }),
];
