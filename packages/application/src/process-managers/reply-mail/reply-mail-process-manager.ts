import * as E from 'fp-ts/Either';
import { v5 as uuidV5 } from 'uuid';
import { primaryEmailOf } from '@helpdesk/domain';
import type { TicketEvent, Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { Outbox, QueuedEmail } from '../../ports/outbox';
import { loadTicket, loadUser } from '../../use-cases/lookups';
import type { ProcessLogger } from '../ports';
import type { ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';

export interface ReplyMailDeps {
  readonly eventStore: EventStore;
  readonly outbox: Outbox;
  readonly logger: ProcessLogger;
}

type CommentEvent = ProcessEvent & {
  readonly event: Extract<TicketEvent, { type: 'CommentAdded' }>;
};

const isPublicComment = (e: ProcessEvent): e is CommentEvent =>
  e.event.type === 'CommentAdded' && e.event.data.public;

/** The mail a public comment causes has one id, however often the comment is handled. */
export const replyMailId = (commentEventId: Uuid): Uuid => uuidV5('reply', commentEventId);

/**
 * api.md, `POST /tickets/{id}/replies`: a public comment is emailed to the ticket's requester —
 * unless the requester wrote it (their own email or portal reply), or they are no longer active or
 * have no address. The requester is the ticket's as the comment was handled; the mail is the
 * comment's text under the ticket's subject. Exactly once: the mail's id derives from the comment
 * event's, and the outbox keeps the first mail of an id.
 */
export const replyMailProcessManager = (deps: ReplyMailDeps): ProcessManager => ({
  name: 'reply_emails',
  filter: { streamPrefixes: ['ticket-'] },
  handle: (events) => async () => {
    const emails: QueuedEmail[] = [];
    for (const e of events) {
      if (!isPublicComment(e)) continue;
      const { ticket_id: ticketId, author_id: authorId, body } = e.event.data;
      const accountId = e.metadata.account_id;
      const ticket = await loadTicket(deps.eventStore, accountId, ticketId)();
      if (E.isLeft(ticket)) return ticket;
      const requesterId = ticket.right.requesterId;
      if (requesterId === authorId) continue;
      const requester = await loadUser(deps.eventStore, accountId, requesterId)();
      if (E.isLeft(requester)) return requester;
      const to = primaryEmailOf(requester.right);
      if (requester.right.status !== 'active' || to === null) {
        deps.logger.info('a public reply is not emailed', {
          eventId: e.eventId,
          ticketId,
          reason:
            to === null ? 'the requester has no email address' : 'the requester is not active',
        });
        continue;
      }
      emails.push({
        id: replyMailId(e.eventId),
        accountId,
        to,
        templateId: null,
        subject: `Re: ${ticket.right.subject}`.replace(/[\r\n]+/g, ' '),
        body,
        ticketId,
        userId: requesterId,
        causationId: e.eventId,
      });
    }
    return emails.length === 0 ? E.right(undefined) : await deps.outbox.enqueue(emails)();
  },
});
