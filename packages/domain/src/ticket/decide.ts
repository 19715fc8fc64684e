import type { TicketEvent } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { notFound, type Decision } from '../shared/decision';
import { addCollaborator, removeCollaborator } from './collaborators';
import type { TicketCommand } from './commands';
import { addComment, changeTicketSubject } from './conversation';
import { createTicket } from './create';
import { archiveTicket, changeTicketStatus } from './lifecycle';
import { moveToMergeTarget } from './merge';
import { changeTicketOrganization, moveTicketOrganization } from './organization';
import { changeRequester } from './requester';
import { addTicketTag } from './tags';
import type { Ticket } from './state';

export const decide = (command: TicketCommand, state: Ticket): Decision<TicketEvent> => {
  if (command.type === 'CreateTicket') return createTicket(command, state);
  if (!state.exists) return notFound('ticket');
  switch (command.type) {
    case 'ChangeRequester':
      return changeRequester(command, state);
    case 'MoveToMergeTarget':
      return moveToMergeTarget(command, state);
    case 'ChangeTicketOrganization':
      return changeTicketOrganization(command, state);
    case 'MoveTicketOrganization':
      return moveTicketOrganization(command, state);
    case 'ChangeTicketStatus':
      return changeTicketStatus(command, state);
    case 'ChangeTicketSubject':
      return changeTicketSubject(command, state);
    case 'AddComment':
      return addComment(command, state);
    case 'AddCollaborator':
      return addCollaborator(command, state);
    case 'RemoveCollaborator':
      return removeCollaborator(command, state);
    case 'ArchiveTicket':
      return archiveTicket(command, state);
    case 'AddTicketTag':
      return addTicketTag(command, state);
    default:
      return assertNever(command);
  }
};
