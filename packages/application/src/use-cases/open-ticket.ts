import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  ticketDecider,
  type CreateTicket,
  type Ticket,
  type TicketChannel,
  type User,
} from '@helpdesk/domain';
import { streams, type TicketStatus, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { contextOf, type Caller } from './caller';
import { createPending, resolvePeople, type PersonRef } from './ticket-people';

/** A ticket as a request asks for it (`POST /api/v2/tickets`). */
export interface TicketRequest {
  readonly subject: string;
  readonly requester: PersonRef;
  /** the organization asked for; how it is used depends on the channel (R2.3–R2.5) */
  readonly organizationId?: Uuid | null;
  readonly status?: TicketStatus;
  readonly comment?: { readonly body: string; readonly public: boolean };
  /** the people copied on it: users by id, or addresses (a new end user for an unknown one, R5.1) */
  readonly ccs?: ReadonlyArray<PersonRef>;
  /** `api` (R2.5), `web`, an agent creating it on the requester's behalf, or `portal`, the requester (R2.4) */
  readonly channel: Extract<TicketChannel, 'api' | 'web' | 'portal'>;
}

export interface OpenedTicket {
  readonly ticket: CommandResult<Ticket>;
  /** the users the request created first (a new requester, new CCs), in the order created */
  readonly createdUsers: ReadonlyArray<CommandResult<User>>;
}

/**
 * Opens a ticket. A requester or CC given by address who is not a user yet is created first
 * (R1.2, R5.1): both facts are recorded. The ticket is decided once with what those users will be
 * before any of them is created, so that a refused ticket (R2.4, R1.2, R3.5) appends nothing.
 */
export const openTicket = (
  deps: CommandDeps,
  caller: Caller,
  request: TicketRequest,
  ticketId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, OpenedTicket> => {
  const context = contextOf({ ...caller, channel: request.channel });
  const refs = [
    { ref: request.requester, source: 'ticket' as const },
    ...(request.ccs ?? []).map((ref) => ({ ref, source: 'cc' as const })),
  ];
  const commentId = request.comment === undefined ? undefined : deps.ids.next();
  return pipe(
    resolvePeople(deps, caller, refs),
    TE.map(([requester, ...ccs]): { command: CreateTicket; people: typeof ccs } => ({
      people: [requester!, ...ccs],
      command: {
        type: 'CreateTicket',
        ticketId,
        accountId: caller.accountId,
        actor: caller.actor,
        subject: request.subject,
        requester: requester!.known,
        submitterId: caller.actor.type === 'user' ? caller.actor.id : requester!.known.id,
        channel: request.channel,
        ...(request.organizationId === undefined ? {} : { organizationId: request.organizationId }),
        ...(request.status === undefined ? {} : { status: request.status }),
        ...(ccs.length === 0 ? {} : { collaborators: ccs.map((cc) => cc.known) }),
        ...(request.comment === undefined || commentId === undefined
          ? {}
          : { firstComment: { commentId, ...request.comment } }),
      },
    })),
    TE.chainFirstEitherK(({ command }) =>
      pipe(ticketDecider.decide(command, ticketDecider.initialState()), E.mapLeft(domainRefusal)),
    ),
    TE.chain(({ command, people }) =>
      pipe(
        createPending(deps, caller, people),
        TE.chain((createdUsers) =>
          pipe(
            handleCommand(deps, ticketDecider, streams.ticket(ticketId), command, context),
            TE.map((ticket) => ({ ticket, createdUsers })),
          ),
        ),
      ),
    ),
  );
};
