import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import {
  AsOfInput,
  mayReachTicket,
  readTicketHistory,
  ticketReplayJson,
} from '@helpdesk/application';
import { asOfHead, replayAll, replayTicket, type RevisionPastHead } from '@helpdesk/domain';
import { everyone, userRoute, type Route } from '../http/route';
import type { ApiEnv } from '../env';
import { fromAppError, invalidInput, notFound, type ApiError } from '../http/errors';
import { reply } from '../http/reply';
import { IdParam } from './params';

const ReplayQuery = t.exact(t.partial({ as_of: AsOfInput }), 'ReplayQuery');

const pastHead = ({ requested, head }: RevisionPastHead): ApiError =>
  invalidInput(
    'as_of',
    head === null ? 'no revision' : `a revision from 0 to ${head} (the ticket's last event)`,
    String(requested),
  );

/**
 * For auditors (issue 8): a ticket's state and history folded straight from its stream in the
 * event store, no read model involved, at its head or as of a revision or a time. Who may read it is
 * decided on the ticket as it is now, as for `GET /tickets/{id}`; end users read their own tickets
 * without the text of private comments.
 */
export const ticketReplayRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/tickets/:id/replay',
    roles: everyone,
    params: IdParam,
    query: ReplayQuery,
    handle: ({ principal, params, query }) =>
      pipe(
        readTicketHistory(env.commands.eventStore, params.id),
        TE.mapLeft(fromAppError()),
        TE.filterOrElse(
          (history) => {
            const now = replayAll(history);
            return (
              now.exists &&
              mayReachTicket(principal.accountId, { type: 'user', ...principal.user }, now.state)
            );
          },
          (): ApiError => notFound('ticket'),
        ),
        TE.chainEitherK((history) =>
          pipe(replayTicket(history, query.as_of ?? asOfHead), E.mapLeft(pastHead)),
        ),
        TE.map((replay) =>
          reply(
            200,
            ticketReplayJson(replay, { seesPrivateComments: principal.user.role !== 'end-user' }),
          ),
        ),
      ),
  }),
];
