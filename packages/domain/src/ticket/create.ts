import * as E from 'fp-ts/Either';
import type { TicketEvent } from '@helpdesk/events';
import { accept, alreadyExists, type Decision } from '../shared/decision';
import type { KnownUser } from '../shared/facts';
import type { CreateTicket } from './commands';
import { organizationOnCreation } from './organization-choice';
import { refusalOfParticipant } from './participants';
import type { Ticket } from './state';

/** A user named twice as CC is copied once. */
const distinctById = (users: ReadonlyArray<KnownUser>): ReadonlyArray<KnownUser> =>
  users.filter((user, i) => users.findIndex((other) => other.id === user.id) === i);

export const createTicket = (command: CreateTicket, ticket: Ticket): Decision<TicketEvent> => {
  if (ticket.exists) return alreadyExists('ticket');
  const requesterRefusal = refusalOfParticipant(command.requester, command.accountId, 'requester');
  if (requesterRefusal) return requesterRefusal;
  const collaborators = distinctById(command.collaborators ?? []);
  for (const collaborator of collaborators) {
    const refusal = refusalOfParticipant(collaborator, command.accountId, 'CC');
    if (refusal) return refusal;
  }
  const organization = organizationOnCreation(
    command.channel,
    command.requester,
    command.organizationId,
  );
  if (E.isLeft(organization)) return organization;

  const created: TicketEvent = {
    type: 'TicketCreated',
    data: {
      ticket_id: command.ticketId,
      account_id: command.accountId,
      subject: command.subject,
      requester_id: command.requester.id,
      submitter_id: command.submitterId,
      organization_id: organization.right,
      status: command.status ?? 'new',
      channel: command.channel,
      collaborator_ids: collaborators.map((user) => user.id),
    },
  };
  const comment = command.firstComment;
  if (comment === undefined) return accept([created]);
  return accept([
    created,
    {
      type: 'CommentAdded',
      data: {
        ticket_id: command.ticketId,
        comment_id: comment.commentId,
        // the first comment is the submitter's: the agent who opened it, or the requester who wrote in
        author_id: command.submitterId,
        body: comment.body,
        public: comment.public,
      },
    },
  ]);
};
