import * as A from 'fp-ts/Array';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { isClosed, ticketDecider, type ExistingTicket, type KnownUser } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { mayReachTicket } from '../ticket-commands';
import { holderOf } from './sender';

/** The ticket a message id belongs to: the one its claim names, if it exists in this account. */
export const ticketOfMessage = (
  deps: CommandDeps,
  accountId: Uuid,
  messageId: string,
): TE.TaskEither<AppError, ExistingTicket | null> =>
  pipe(
    holderOf(deps, 'message_id', accountId, messageId),
    TE.chain((holder) =>
      holder === null
        ? TE.right(null)
        : pipe(
            loadStream(deps.eventStore, ticketDecider, streams.ticket(holder)),
            TE.map(({ state }) => (state.exists && state.accountId === accountId ? state : null)),
          ),
    ),
  );

/**
 * The ticket a reply continues: the first message it answers (`threadIds`, most likely first)
 * that belongs to a ticket. Settled here: the reply joins that ticket only while it is open and
 * the sender may write on it (its requester, a CC, or the team, as `mayReachTicket` says); a reply
 * to a closed or archived ticket (R1.5), or from someone else, opens a new ticket, so that nobody
 * writes into a conversation they are not part of.
 */
export const repliedTicket = (
  deps: CommandDeps,
  accountId: Uuid,
  threadIds: ReadonlyArray<string>,
  sender: KnownUser,
): TE.TaskEither<AppError, ExistingTicket | null> =>
  pipe(
    [...threadIds],
    A.reduce(TE.right<AppError, ExistingTicket | null>(null), (found, messageId) =>
      pipe(
        found,
        TE.chain((ticket) =>
          ticket === null ? ticketOfMessage(deps, accountId, messageId) : TE.right(ticket),
        ),
      ),
    ),
    TE.map((ticket) =>
      ticket !== null &&
      !isClosed(ticket) &&
      mayReachTicket(accountId, { type: 'user', id: sender.id, role: sender.role }, ticket)
        ? ticket
        : null,
    ),
  );
