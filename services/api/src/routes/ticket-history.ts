import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { loadStream, mayReachTicket } from '@helpdesk/application';
import { ticketDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { ticketAudits } from '@helpdesk/projections';
import type { UserPrincipal } from '../auth/principal';
import { afterWrite, readModel, type ApiEnv } from '../env';
import { fromAppError, notFound, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply } from '../http/reply';
import { everyone, userRoute, type Route } from '../http/route';
import { ticketJson } from '../representations/ticket';
import { IdParam } from './params';
import { replyRequestOf, sendReply } from './macro-replies';
import { ReplyBody } from './ticket-bodies';
import { ticketAfterCommand } from './ticket-views';

/**
 * Where the ticket's history ends in the log, read from its stream: the audits are served once
 * their read model has reached it, so that a change just answered is in the list that follows.
 */
const historyEnd = (
  env: ApiEnv,
  principal: UserPrincipal,
  ticketId: Uuid,
): TE.TaskEither<ApiError, bigint | undefined> =>
  pipe(
    loadStream(env.commands.eventStore, ticketDecider, streams.ticket(ticketId)),
    TE.mapLeft(fromAppError()),
    TE.filterOrElse(
      ({ state }) =>
        state.exists &&
        mayReachTicket(principal.accountId, { type: 'user', ...principal.user }, state),
      (): ApiError => notFound('ticket'),
    ),
    TE.map(({ position }) => position),
  );

/** A ticket's audit trail (R1.3: who changed what, when, why) and its replies. */
export const ticketHistoryRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/tickets/:id/audits',
    roles: everyone,
    params: IdParam,
    query: PageQuery,
    handle: ({ principal, params, query, url }) =>
      pipe(
        historyEnd(env, principal, params.id),
        TE.chainFirst((position) => afterWrite(env, ['ticket_audits'], position)),
        TE.chain(() =>
          readModel(
            ticketAudits(env.session, principal.accountId, params.id, pageRequestOf(query)),
          ),
        ),
        TE.map((page) =>
          reply(
            200,
            listBody('audits', page, (audit) => audit, url),
          ),
        ),
      ),
  }),

  userRoute({
    method: 'post',
    path: '/tickets/:id/replies',
    roles: everyone,
    params: IdParam,
    body: ReplyBody,
    handle: ({ caller, params, body }) =>
      pipe(
        TE.fromEither(replyRequestOf(body.reply)),
        TE.chain((request) =>
          pipe(
            sendReply(env.commands, caller, params.id, request),
            TE.mapLeft(fromAppError('reply')),
          ),
        ),
        TE.chain((replied) =>
          pipe(
            ticketAfterCommand(env, caller.accountId, replied.ticket),
            TE.map((ticket) =>
              reply(
                201,
                {
                  comment: {
                    id: replied.comment.id,
                    author_id: replied.comment.authorId,
                    body: replied.comment.body,
                    public: replied.comment.public,
                    created_at: ticket.updatedAt,
                  },
                  ticket: ticketJson(ticket),
                },
                ticket.version,
              ),
            ),
          ),
        ),
      ),
  }),
];
