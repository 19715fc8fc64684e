import type { TicketView } from '@helpdesk/projections';

/** A ticket as the portal shows it to an end user (Zendesk's Requests API, R6.9). */
export const requestJson = (ticket: TicketView) => ({
  id: ticket.id,
  subject: ticket.subject,
  status: ticket.status,
  requester_id: ticket.requesterId,
  organization_id: ticket.organizationId,
  via: { channel: ticket.channel },
  created_at: ticket.createdAt,
  updated_at: ticket.updatedAt,
});
