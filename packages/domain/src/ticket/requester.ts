import type { TicketEvent } from '@helpdesk/events';
import { accept, forbidden, nothingToDo, type Decision } from '../shared/decision';
import type { ChangeRequester } from './commands';
import { defaultOrganizationOf } from './organization-choice';
import { isStaff, refusalOfParticipant } from './participants';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

/**
 * An agent or admin gives the ticket another requester (R1.1, R1.2); the previous one stays in
 * the history (R1.3) and the organization follows the new requester's default (R1.6).
 */
export const changeRequester = (
  command: ChangeRequester,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  if (!isStaff(command.actor))
    return forbidden('R1.1', "only an agent or admin can change a ticket's requester");
  const closed = refusalWhenClosed(ticket, 'requester');
  if (closed) return closed;
  const { newRequester } = command;
  const refusal = refusalOfParticipant(newRequester, ticket.accountId, 'requester');
  if (refusal) return refusal;
  if (newRequester.id === ticket.requesterId) return nothingToDo();

  const changed: TicketEvent = {
    type: 'RequesterChanged',
    data: {
      ticket_id: ticket.id,
      previous_requester_id: ticket.requesterId,
      requester_id: newRequester.id,
      reason: 'manual',
    },
  };
  const organization = defaultOrganizationOf(newRequester);
  if (organization === ticket.organizationId) return accept([changed]);
  return accept([
    changed,
    {
      type: 'TicketOrganizationChanged',
      data: {
        ticket_id: ticket.id,
        previous_organization_id: ticket.organizationId,
        organization_id: organization,
        reason: 'requester_changed',
      },
    },
  ]);
};
