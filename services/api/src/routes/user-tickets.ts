import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { ticketsCcing, ticketsRequestedBy } from '@helpdesk/projections';
import { readModel, type ApiEnv } from '../env';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply } from '../http/reply';
import { everyone, userRoute, type Route } from '../http/route';
import { ticketJson } from '../representations/ticket';
import { IdParam } from './params';
import { userInView } from './users-in-view';

/** The tickets a user requests or is copied on, oldest first; an end user sees only their own. */
export const userTicketRoutes = (env: ApiEnv): ReadonlyArray<Route> =>
  (
    [
      ['requested', ticketsRequestedBy],
      ['ccd', ticketsCcing],
    ] as const
  ).map(([which, query]) =>
    userRoute({
      method: 'get',
      path: `/users/:id/tickets/${which}`,
      roles: everyone,
      params: IdParam,
      query: PageQuery,
      handle: ({ principal, params, query: page, url }) =>
        pipe(
          // another account's user is not found, rather than a user without tickets
          userInView(env, principal, params.id),
          TE.chain(() =>
            readModel(query(env.session, principal.accountId, params.id, pageRequestOf(page))),
          ),
          TE.map((tickets) => reply(200, listBody('tickets', tickets, ticketJson, url))),
        ),
    }),
  );
