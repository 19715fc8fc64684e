import type { TicketEvent } from '@helpdesk/events';
import { accept, nothingToDo, type Decision } from '../shared/decision';
import type { AddComment, ChangeTicketSubject } from './commands';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

export const changeTicketSubject = (
  command: ChangeTicketSubject,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'subject');
  if (closed) return closed;
  if (command.subject === ticket.subject) return nothingToDo();
  return accept([
    {
      type: 'TicketSubjectChanged',
      data: { ticket_id: ticket.id, previous_subject: ticket.subject, subject: command.subject },
    },
  ]);
};

/** A comment id already on the ticket is a retried request: it is recorded once. */
export const addComment = (command: AddComment, ticket: ExistingTicket): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'conversation');
  if (closed) return closed;
  if (ticket.commentIds.includes(command.commentId)) return nothingToDo();
  return accept([
    {
      type: 'CommentAdded',
      data: {
        ticket_id: ticket.id,
        comment_id: command.commentId,
        author_id: command.authorId,
        body: command.body,
        public: command.public,
      },
    },
  ]);
};
