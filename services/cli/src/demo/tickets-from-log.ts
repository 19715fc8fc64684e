import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  evolveTicket,
  initialTicketState,
  type ExistingTicket,
  type Ticket,
} from '@helpdesk/domain';
import { decodeEvent, type TicketEvent, type Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError, UserTickets } from '@helpdesk/application';

/** Every ticket of an account, folded from the whole log: fine for a demo's few events. */
const ticketsOf =
  (store: EventStore, accountId: Uuid): TE.TaskEither<AppError, ReadonlyArray<ExistingTicket>> =>
  async () => {
    const tickets = new Map<string, Ticket>();
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll({
        after,
        maxCount: 500,
        filter: { streamPrefixes: ['ticket-'] },
      })();
      if (E.isLeft(page))
        return E.left<AppError>({ kind: 'StoreUnavailable', message: 'the log cannot be read' });
      if (page.right.length === 0) break;
      for (const recorded of page.right) {
        const decoded = decodeEvent(recorded);
        const ticket = tickets.get(recorded.streamName) ?? initialTicketState();
        if (E.isRight(decoded))
          tickets.set(
            recorded.streamName,
            evolveTicket(ticket, decoded.right.event as TicketEvent),
          );
        after = recorded.globalPosition;
      }
    }
    return E.right(
      [...tickets.values()].filter(
        (t): t is ExistingTicket => t.exists && t.accountId === accountId,
      ),
    );
  };

/**
 * What a merge needs to know about a user's tickets. The service answers from the tickets read
 * model instead.
 */
export const ticketsFromLog = (store: EventStore): UserTickets => ({
  countRequested: (accountId, userId) =>
    pipe(
      ticketsOf(store, accountId),
      TE.map((tickets) => tickets.filter((t) => t.requesterId === userId).length),
    ),
  ticketsInvolving: (accountId, userId) =>
    pipe(
      ticketsOf(store, accountId),
      TE.map((tickets) =>
        tickets
          .filter((t) => t.requesterId === userId || t.collaboratorIds.includes(userId))
          .map((t) => t.id),
      ),
    ),
});
