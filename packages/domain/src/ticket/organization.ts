import type { TicketEvent } from '@helpdesk/events';
import { accept, forbidden, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { ChangeTicketOrganization, MoveTicketOrganization } from './commands';
import { belongsTo } from './organization-choice';
import { isStaff } from './participants';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

/**
 * R2.6: an agent moves the ticket to another of its requester's organizations. Settled here: "no
 * organization" is one of the choices only for a requester who has none (R2.2, R2.7), so a
 * member's ticket always keeps one.
 */
export const changeTicketOrganization = (
  command: ChangeTicketOrganization,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  if (!isStaff(command.actor))
    return forbidden('R2.6', "only an agent or admin can change a ticket's organization");
  const closed = refusalWhenClosed(ticket, 'organization');
  if (closed) return closed;
  const { requester, organizationId } = command;
  if (requester.id !== ticket.requesterId)
    return refuse('R2.6', "the facts given are not about the ticket's requester");
  if (organizationId === ticket.organizationId) return nothingToDo();
  if (organizationId === null && requester.organizationIds.length > 0)
    return refuse('R2.6', 'a ticket whose requester has organizations must keep one of them');
  if (organizationId !== null && !belongsTo(requester, organizationId))
    return refuse('R2.6', "the ticket's organization must be one of its requester's organizations");
  return accept([
    {
      type: 'TicketOrganizationChanged',
      data: {
        ticket_id: ticket.id,
        previous_organization_id: ticket.organizationId,
        organization_id: organizationId,
        reason: 'manual',
      },
    },
  ]);
};

/**
 * R2.8, R2.9: a process manager moves the ticket out of an organization its requester left or
 * that was removed. Archived tickets keep theirs; closed ones move. A ticket that is no longer in
 * `from`, or no longer requested by the user the move was computed for, is left alone, so a
 * replayed move changes nothing.
 */
export const moveTicketOrganization = (
  command: MoveTicketOrganization,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  if (ticket.archived) return nothingToDo();
  if (ticket.organizationId !== command.fromOrganizationId) return nothingToDo();
  if (ticket.requesterId !== command.requesterId) return nothingToDo();
  if (command.toOrganizationId === command.fromOrganizationId) return nothingToDo();
  return accept([
    {
      type: 'TicketOrganizationChanged',
      data: {
        ticket_id: ticket.id,
        previous_organization_id: ticket.organizationId,
        organization_id: command.toOrganizationId,
        reason: command.reason,
      },
    },
  ]);
};
