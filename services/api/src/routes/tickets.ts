import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { openTicket, updateTicket } from '@helpdesk/application';
import type { ApiEnv } from '../env';
import { pinnedRevision } from '../http/etags';
import { fromAppError } from '../http/errors';
import { reply } from '../http/reply';
import { everyone, team, userRoute, type Route } from '../http/route';
import { ticketJson } from '../representations/ticket';
import { IdParam } from './params';
import {
  NewTicketBody,
  TicketChangesBody,
  ticketChangesOf,
  ticketFieldOf,
  ticketRequestOf,
} from './ticket-bodies';
import { ticketAfterCommand, ticketInView } from './ticket-views';

/**
 * Tickets: open one (R1.2, R2.3–R2.5, R5.1), read it, change it (R1, R2.6, R1.5). Writes answer
 * with the ticket the command produced, so a caller reads its own write at once (api.md).
 */
export const ticketRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/tickets',
    roles: team,
    body: NewTicketBody,
    handle: ({ caller, body }) =>
      pipe(
        TE.fromEither(ticketRequestOf(body.ticket)),
        TE.chain((request) =>
          pipe(openTicket(env.commands, caller, request), TE.mapLeft(fromAppError(ticketFieldOf))),
        ),
        TE.chain((opened) => ticketAfterCommand(env, caller.accountId, opened.ticket)),
        TE.map((ticket) => reply(201, { ticket: ticketJson(ticket) }, ticket.version)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/tickets/:id',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, params }) =>
      pipe(
        ticketInView(env, principal, params.id),
        TE.map((ticket) => reply(200, { ticket: ticketJson(ticket) }, ticket.version)),
      ),
  }),

  userRoute({
    method: 'put',
    path: '/tickets/:id',
    roles: team,
    params: IdParam,
    body: TicketChangesBody,
    // the request of the API's hot path: plain awaits, not combinators (docs/performance.md)
    handle:
      ({ caller, params, body, ifMatch }) =>
      async () => {
        const changes = ticketChangesOf(body.ticket);
        if (E.isLeft(changes)) return changes;
        const updated = await updateTicket(
          env.commands,
          caller,
          params.id,
          changes.right,
          pinnedRevision(ifMatch),
        )();
        if (E.isLeft(updated)) return E.left(fromAppError(ticketFieldOf)(updated.left));
        const ticket = await ticketAfterCommand(env, caller.accountId, updated.right.ticket)();
        return E.isLeft(ticket)
          ? ticket
          : E.right(reply(200, { ticket: ticketJson(ticket.right) }, ticket.right.version));
      },
  }),
];
