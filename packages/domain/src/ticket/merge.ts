import type { TicketEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { MoveToMergeTarget } from './commands';
import { refusalOfParticipant } from './participants';
import type { ExistingTicket } from './state';

/** R3.6: the target becomes the requester, on closed and archived tickets too; R3.8: the organization stays. */
const requesterPart = (
  command: MoveToMergeTarget,
  ticket: ExistingTicket,
): ReadonlyArray<TicketEvent> =>
  ticket.requesterId === command.sourceId
    ? [
        {
          type: 'RequesterChanged',
          data: {
            ticket_id: ticket.id,
            previous_requester_id: command.sourceId,
            requester_id: command.target.id,
            reason: 'merge',
          },
        },
      ]
    : [];

/** R3.7: on a non-archived ticket the target takes the source's place as CC, or keeps its own. */
const collaboratorPart = (
  command: MoveToMergeTarget,
  ticket: ExistingTicket,
): ReadonlyArray<TicketEvent> => {
  if (ticket.archived || !ticket.collaboratorIds.includes(command.sourceId)) return [];
  if (ticket.collaboratorIds.includes(command.target.id))
    return [
      { type: 'CollaboratorRemoved', data: { ticket_id: ticket.id, user_id: command.sourceId } },
    ];
  return [
    {
      type: 'CollaboratorReplaced',
      data: {
        ticket_id: ticket.id,
        previous_user_id: command.sourceId,
        user_id: command.target.id,
      },
    },
  ];
};

/**
 * One ticket's share of a user merge, in one decision. Once applied the source is nowhere on the
 * ticket, so deciding the same command again gives nothing: a merge replayed after a restart
 * rewrites each ticket exactly once (R3.9).
 */
export const moveToMergeTarget = (
  command: MoveToMergeTarget,
  ticket: ExistingTicket,
): Decision<TicketEvent> => {
  if (command.sourceId === command.target.id)
    return refuse('R3.1', 'a user cannot be merged into themselves');
  const events = [...requesterPart(command, ticket), ...collaboratorPart(command, ticket)];
  if (events.length === 0) return nothingToDo();
  const refusal = refusalOfParticipant(command.target, ticket.accountId, 'merge target');
  if (refusal) return refusal;
  return accept(events);
};
