import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject } from '@helpdesk/event-store';

const statuses = ['open', 'pending', 'open', 'solved'] as const;

/**
 * A busy ticket's stream: its creation, then requester changes (with their organization), comments
 * and status changes in turn, one append a second, as agents and a merge would have written them.
 */
export const busyTicket = (ticketId: string, events: number): ReadonlyArray<EventToAppend> => {
  const accountId = randomUUID();
  const agent = randomUUID();
  const users = Array.from({ length: 5 }, () => randomUUID());
  const organizations = users.map(() => randomUUID());
  const start = Date.UTC(2026, 0, 5, 9);
  const metadata = (i: number, rel: string | null): JsonObject => ({
    account_id: accountId,
    actor: rel === 'merge' ? { type: 'system', id: null } : { type: 'user', id: agent },
    correlation_id: randomUUID(),
    causation_id: null,
    occurred_at: new Date(start + i * 1000).toISOString(),
    via: { channel: 'web', rel },
    schema_version: 1,
  });
  const log: EventToAppend[] = [
    {
      id: randomUUID(),
      type: 'TicketCreated',
      data: {
        ticket_id: ticketId,
        account_id: accountId,
        subject: 'The printer is on fire again',
        requester_id: users[0]!,
        submitter_id: agent,
        organization_id: organizations[0]!,
        status: 'new',
        channel: 'web',
        collaborator_ids: [users[1]!],
      },
      metadata: metadata(0, null),
    },
  ];
  let requester = 0;
  let status: string = 'new';
  for (let i = 1; log.length < events; i++) {
    const turn = i % 3;
    if (turn === 0) {
      const next = (requester + 1) % users.length;
      const reason = i % 30 === 0 ? 'merge' : 'manual';
      log.push({
        id: randomUUID(),
        type: 'RequesterChanged',
        data: {
          ticket_id: ticketId,
          previous_requester_id: users[requester]!,
          requester_id: users[next]!,
          reason,
        },
        metadata: metadata(i, reason === 'merge' ? 'merge' : null),
      });
      requester = next;
    } else if (turn === 1)
      log.push({
        id: randomUUID(),
        type: 'CommentAdded',
        data: {
          ticket_id: ticketId,
          comment_id: randomUUID(),
          author_id: agent,
          body: `Update ${i}: still looking into it.`,
          public: i % 4 !== 0,
        },
        metadata: metadata(i, null),
      });
    else {
      const next = statuses[i % statuses.length]!;
      log.push({
        id: randomUUID(),
        type: 'TicketStatusChanged',
        data: { ticket_id: ticketId, previous_status: status, status: next },
        metadata: metadata(i, null),
      });
      status = next;
    }
  }
  return log;
};
