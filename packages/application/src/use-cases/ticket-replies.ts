import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Ticket } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { ticketsOfCaller } from './ticket-commands';

export interface Reply {
  readonly body: string;
  readonly public: boolean;
}

export interface RepliedTicket {
  readonly ticket: CommandResult<Ticket>;
  /** the comment as recorded */
  readonly comment: Reply & { readonly id: Uuid; readonly authorId: Uuid };
}

/**
 * A comment on a ticket (`POST /tickets/{id}/replies`). End users reply on their own tickets
 * only, and what they write is public: there is no private note between a customer and the team.
 */
export const replyToTicket = (
  deps: CommandDeps,
  caller: Caller,
  ticketId: Uuid,
  reply: Reply,
  commentId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, RepliedTicket> => {
  const { actor } = caller;
  if (actor.type !== 'user')
    return TE.left(
      domainRefusal({ kind: 'Forbidden', rule: null, message: 'a reply has a user as author' }),
    );
  const isPublic = actor.role === 'end-user' ? true : reply.public;
  return pipe(
    handleCommand(
      deps,
      ticketsOfCaller(caller.accountId, actor),
      streams.ticket(ticketId),
      [
        {
          type: 'AddComment',
          ticketId,
          actor,
          commentId,
          authorId: actor.id,
          body: reply.body,
          public: isPublic,
        },
      ],
      contextOf(caller),
    ),
    TE.map((ticket) => ({
      ticket,
      comment: { id: commentId, authorId: actor.id, body: reply.body, public: isPublic },
    })),
  );
};
