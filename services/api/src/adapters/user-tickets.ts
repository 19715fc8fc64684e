import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError, UserTickets } from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import {
  countTicketsRequestedBy,
  ticketIdsRequestedBy,
  unarchivedTicketIdsCcing,
  type ReadModelError,
} from '@helpdesk/projections';

const unavailable = (error: ReadModelError): AppError => ({
  kind: 'StoreUnavailable',
  message: error.message,
});

/** The merge's view of a user's tickets (R3.3, R3.6, R3.7), read from the tickets read model. */
export const readModelUserTickets = (session: SqlSession): UserTickets => ({
  countRequested: (accountId, userId) =>
    pipe(countTicketsRequestedBy(session, accountId, userId), TE.mapLeft(unavailable)),
  ticketsInvolving: (accountId, userId) =>
    pipe(
      TE.Do,
      TE.apS('requested', ticketIdsRequestedBy(session, accountId, userId)),
      TE.apS('copied', unarchivedTicketIdsCcing(session, accountId, userId)),
      TE.map(({ requested, copied }) => [...new Set([...requested, ...copied])]),
      TE.mapLeft(unavailable),
    ),
});
