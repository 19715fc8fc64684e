import type { TicketEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { ArchiveTicket, ChangeTicketStatus } from './commands';
import { refusalWhenClosed } from './read-only';
import type { ExistingTicket } from './state';

/**
 * Settled here, under R1.5 (the rule that settles status edits): `closed` is final for agents,
 * and `new` only means "nobody has worked on it yet", so no ticket returns to it. Every other
 * move between `open`, `pending`, `hold`, `solved` and `closed` is allowed.
 */
export const changeTicketStatus = (
  command: ChangeTicketStatus,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  const closed = refusalWhenClosed(ticket, 'status');
  if (closed) return closed;
  if (command.status === ticket.status) return nothingToDo();
  if (command.status === 'new') return refuse('R1.5', 'a ticket never returns to the status new');
  return accept([
    {
      type: 'TicketStatusChanged',
      data: { ticket_id: ticket.id, previous_status: ticket.status, status: command.status },
    },
  ]);
};

/** Archiving is for closed tickets only and is never reversed; archiving twice changes nothing. */
export const archiveTicket = (
  _command: ArchiveTicket,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  if (ticket.archived) return nothingToDo();
  if (ticket.status !== 'closed') return refuse('R1.5', 'only a closed ticket can be archived');
  return accept([{ type: 'TicketArchived', data: { ticket_id: ticket.id } }]);
};
