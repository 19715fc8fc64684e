import type { TicketEvent } from '@helpdesk/events';
import { accept, nothingToDo, type Decision } from '../shared/decision';
import type { AddCollaborator, RemoveCollaborator } from './commands';
import { refusalOfParticipant } from './participants';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

export const addCollaborator = (
  command: AddCollaborator,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'CCs');
  if (closed) return closed;
  const { collaborator } = command;
  const refusal = refusalOfParticipant(collaborator, ticket.accountId, 'CC');
  if (refusal) return refusal;
  if (ticket.collaboratorIds.includes(collaborator.id)) return nothingToDo();
  return accept([
    { type: 'CollaboratorAdded', data: { ticket_id: ticket.id, user_id: collaborator.id } },
  ]);
};

export const removeCollaborator = (
  command: RemoveCollaborator,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'CCs');
  if (closed) return closed;
  if (!ticket.collaboratorIds.includes(command.collaboratorId)) return nothingToDo();
  return accept([
    {
      type: 'CollaboratorRemoved',
      data: { ticket_id: ticket.id, user_id: command.collaboratorId },
    },
  ]);
};
