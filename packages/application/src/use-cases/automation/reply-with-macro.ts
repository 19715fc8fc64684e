import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { applyMacro, macroDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import { handleCommand, type CommandDeps } from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { contextOf, type Caller } from '../caller';
import { loadTicket } from '../lookups';
import { ticketsOfCaller } from '../ticket-commands';
import type { RepliedTicket } from '../ticket-replies';
import { ticketCommandOf } from './action-commands';
import { requesterMail } from './mail-values';

const refused = (error: Parameters<typeof domainRefusal>[0]) => TE.left(domainRefusal(error));

const loadMacro = (deps: CommandDeps, accountId: Uuid, macroId: Uuid) =>
  pipe(
    loadStream(deps.eventStore, macroDecider, streams.macro(macroId)),
    TE.chain(({ state }) =>
      state !== null && !state.removed && state.accountId === accountId
        ? TE.right(state)
        : refused({ kind: 'NotFound', entity: 'macro', message: `macro ${macroId} not found` }),
    ),
  );

/**
 * R6.6: an agent answers a ticket with a canned response: its snippets are filled for this ticket
 * and its requester, the reply becomes the ticket's comment and the macro's actions follow, all in
 * one append (refused as a whole, R1.5 on a closed ticket). R6.8: a password link in the reply is
 * redacted in the comment, which the event log keeps.
 */
export const replyWithMacro = (
  deps: CommandDeps,
  caller: Caller,
  ticketId: Uuid,
  macroId: Uuid,
  reply: { readonly public: boolean },
  commentId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, RepliedTicket> => {
  const { actor } = caller;
  if (actor.type !== 'user' || actor.role === 'end-user')
    return refused({
      kind: 'Forbidden',
      rule: 'R6.6',
      message: 'agents and admins apply macros',
    });
  return pipe(
    TE.Do,
    TE.apS('macro', loadMacro(deps, caller.accountId, macroId)),
    TE.apS('ticket', loadTicket(deps.eventStore, caller.accountId, ticketId)),
    TE.bind('mail', ({ ticket }) => requesterMail(deps.eventStore, caller.accountId, ticket)),
    TE.bind('applied', ({ macro, mail }) =>
      pipe(
        applyMacro(macro, mail.values),
        E.mapLeft((error) =>
          domainRefusal({
            kind: 'RuleViolation',
            rule: 'R6.6',
            message: `the macro cannot be filled for this ticket: ${error.message}`,
          }),
        ),
        TE.fromEither,
      ),
    ),
    TE.chain(({ applied }) =>
      pipe(
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
              body: applied.comment,
              public: reply.public,
            },
            ...applied.actions.map((action) => ticketCommandOf(ticketId, actor, action)),
          ],
          contextOf(caller),
        ),
        TE.map((ticket) => ({
          ticket,
          comment: {
            id: commentId,
            authorId: actor.id,
            body: applied.comment,
            public: reply.public,
          },
        })),
      ),
    ),
  );
};
