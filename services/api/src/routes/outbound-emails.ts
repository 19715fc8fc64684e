import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { listOutboundEmails } from '@helpdesk/projections';
import { readModel, type ApiEnv } from '../env';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply } from '../http/reply';
import { admins, userRoute, type Route } from '../http/route';
import { outboundEmailJson } from '../representations/outbound-email';

/**
 * The mail outbox, for admins: every mail the account's events caused (welcome emails, triggers,
 * password resets), queued, sent, failed, or suppressed for a `.invalid` address (R5.3).
 */
export const outboundEmailRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/outbound_emails',
    roles: admins,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(
          listOutboundEmails(env.session, caller.accountId, pageRequestOf(query), env.outboxSchema),
        ),
        TE.map((page) => reply(200, listBody('outbound_emails', page, outboundEmailJson, url))),
      ),
  }),
];
