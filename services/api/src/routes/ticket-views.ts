import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { CommandResult } from '@helpdesk/application';
import type { ExistingTicket, Ticket } from '@helpdesk/domain';
import { EventMetadata, streams, type Uuid } from '@helpdesk/events';
import type { RecordedEvent } from '@helpdesk/event-store';
import { findTicket, type TicketView } from '@helpdesk/projections';
import { afterWrite, found, foundOnceProjected, readModel, type ApiEnv } from '../env';
import { notFound, type ApiError } from '../http/errors';
import type { UserPrincipal } from '../auth/principal';

/** When an event happened, as its metadata says (what the read models show too). */
const occurredAt = (recorded: RecordedEvent): string => {
  const metadata = EventMetadata.decode(recorded.metadata);
  return E.isRight(metadata) ? metadata.right.occurred_at : recorded.recordedAt.toISOString();
};

const viewOf = (
  ticket: ExistingTicket,
  version: bigint,
  createdAt: string,
  updatedAt: string,
): TicketView => ({
  id: ticket.id,
  accountId: ticket.accountId,
  subject: ticket.subject,
  status: ticket.status,
  archived: ticket.archived,
  requesterId: ticket.requesterId,
  originalRequesterId: ticket.originalRequesterId,
  submitterId: ticket.submitterId,
  organizationId: ticket.organizationId,
  collaboratorIds: ticket.collaboratorIds,
  channel: ticket.channel,
  version,
  createdAt,
  updatedAt,
});

const rememberedCreations = 50_000;

const remember = (env: ApiEnv, ticketId: Uuid, createdAt: string): void => {
  env.ticketCreations.set(ticketId, createdAt);
  if (env.ticketCreations.size > rememberedCreations)
    env.ticketCreations.delete(env.ticketCreations.keys().next().value as string);
};

/**
 * The ticket a command produced (api.md: a command's response returns the state it produced),
 * without waiting for the tickets read model: the state comes from the command, and only the
 * creation time, which never changes, from the read model's row (once, then remembered). A ticket
 * the read model has not seen yet is waited for; one the command created needs nothing read.
 */
export const ticketAfterCommand = (
  env: ApiEnv,
  accountId: Uuid,
  result: CommandResult<Ticket>,
): TE.TaskEither<ApiError, TicketView> => {
  const ticket = result.state;
  if (!ticket.exists || result.nextExpectedRevision === 'no_stream')
    return TE.left(notFound('ticket'));
  const version = result.nextExpectedRevision;
  const last = result.events[result.events.length - 1];
  const first = result.events[0];
  if (first !== undefined && last !== undefined && first.revision === 0n) {
    remember(env, ticket.id, occurredAt(first));
    return TE.right(viewOf(ticket, version, occurredAt(first), occurredAt(last)));
  }
  const created = env.ticketCreations.get(ticket.id);
  if (created !== undefined && last !== undefined)
    return TE.right(viewOf(ticket, version, created, occurredAt(last)));
  const overlay = (row: TicketView) => {
    remember(env, ticket.id, row.createdAt);
    return viewOf(
      ticket,
      version,
      row.createdAt,
      last === undefined ? row.updatedAt : occurredAt(last),
    );
  };
  return pipe(
    readModel(findTicket(env.session, accountId, ticket.id)),
    TE.chain(
      O.match(
        () =>
          pipe(
            afterWrite(env, ['tickets'], result.position),
            TE.chain(() => found('ticket', findTicket(env.session, accountId, ticket.id))),
          ),
        TE.right,
      ),
    ),
    TE.map(overlay),
  );
};

/** End users reach only the tickets they request or are copied on: any other is not found. */
export const mayView = (principal: UserPrincipal, ticket: TicketView): boolean =>
  principal.user.role !== 'end-user' ||
  ticket.requesterId === principal.user.id ||
  ticket.collaboratorIds.includes(principal.user.id);

/** A ticket of the caller's account from the read model, as the caller may see it. */
export const ticketInView = (
  env: ApiEnv,
  principal: UserPrincipal,
  ticketId: Uuid,
): TE.TaskEither<ApiError, TicketView> =>
  pipe(
    foundOnceProjected(env, 'ticket', 'tickets', streams.ticket(ticketId), () =>
      findTicket(env.session, principal.accountId, ticketId),
    ),
    TE.filterOrElse(
      (ticket) => mayView(principal, ticket),
      (): ApiError => notFound('ticket'),
    ),
  );
