import type { TicketView } from '@helpdesk/projections';

/** A ticket as api.md lists its fields (`GET /tickets/{id}`, and the lists of a user's tickets). */
export const ticketJson = (ticket: TicketView) => ({
  id: ticket.id,
  subject: ticket.subject,
  status: ticket.status,
  archived: ticket.archived,
  requester_id: ticket.requesterId,
  original_requester_id: ticket.originalRequesterId,
  organization_id: ticket.organizationId,
  submitter_id: ticket.submitterId,
  collaborator_ids: ticket.collaboratorIds,
  via: { channel: ticket.channel },
  version: Number(ticket.version),
  created_at: ticket.createdAt,
  updated_at: ticket.updatedAt,
});
