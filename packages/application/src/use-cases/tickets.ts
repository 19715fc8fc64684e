import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { ticketDecider, type Ticket } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { knownUserOf } from './lookups';

export interface NewTicket {
  readonly subject: string;
  readonly requesterId: Uuid;
  readonly organizationId?: Uuid | null;
  readonly comment?: { readonly body: string; readonly public: boolean };
}

/** Opens a ticket; its organization follows R2.3–R2.7 for the caller's channel. */
export const createTicket = (
  deps: CommandDeps,
  caller: Caller,
  ticket: NewTicket,
  ticketId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<Ticket>> =>
  pipe(
    knownUserOf(deps.eventStore, caller.accountId, ticket.requesterId),
    TE.chain((requester) =>
      handleCommand(
        deps,
        ticketDecider,
        streams.ticket(ticketId),
        {
          type: 'CreateTicket',
          ticketId,
          accountId: caller.accountId,
          actor: caller.actor,
          subject: ticket.subject,
          requester,
          submitterId: caller.actor.type === 'user' ? caller.actor.id : requester.id,
          channel:
            caller.channel === 'web' || caller.channel === 'email' || caller.channel === 'portal'
              ? caller.channel
              : 'api',
          ...(ticket.organizationId === undefined ? {} : { organizationId: ticket.organizationId }),
          ...(ticket.comment === undefined
            ? {}
            : { firstComment: { commentId: deps.ids.next(), ...ticket.comment } }),
        },
        contextOf(caller),
      ),
    ),
  );

/** R1: an agent gives the ticket another requester; the original stays in its history (R1.3). */
export const changeRequester = (
  deps: CommandDeps,
  caller: Caller,
  ticketId: Uuid,
  newRequesterId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<Ticket>> =>
  pipe(
    knownUserOf(deps.eventStore, caller.accountId, newRequesterId),
    TE.chain((newRequester) =>
      handleCommand(
        deps,
        ticketDecider,
        streams.ticket(ticketId),
        { type: 'ChangeRequester', ticketId, actor: caller.actor, newRequester },
        contextOf(caller),
        options,
      ),
    ),
  );
