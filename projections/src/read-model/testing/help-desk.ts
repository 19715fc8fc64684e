import type { DomainEvent } from '@helpdesk/events';
import type { AppendContext } from './event-log';
import { TicketDesk } from './ticket-desk';

/**
 * A scenario's whole help desk: its directory, its tickets, and the processes that span both
 * (organization removal, user merge) as their process managers record them.
 */
export class HelpDesk extends TicketDesk {
  /** R2.8: the user leaves, then a process manager moves their non-archived tickets. */
  override leave(
    userId: string,
    organizationId: string,
    context: Partial<AppendContext> = {},
  ): string | null {
    const successor = super.leave(userId, organizationId, context);
    const reason =
      context.rel === 'organization_removed' ? 'organization_removed' : 'membership_removed';
    for (const [ticketId, t] of this.tickets)
      if (t.requesterId === userId && t.organizationId === organizationId && !t.archived)
        this.moveOrganization(ticketId, successor, reason, {
          actorId: null,
          actorType: 'system',
          rel: reason,
          correlationId: context.correlationId,
        });
    return successor;
  }

  /** R2.9: the organization goes; each member leaves it and their tickets follow. */
  removeOrganization(accountId: string, organizationId: string) {
    const correlationId = this.log.id();
    this.log.append(
      `organization-${organizationId}`,
      [
        {
          type: 'OrganizationRemoved',
          data: { organization_id: organizationId, account_id: accountId },
        },
      ],
      { accountId, actorId: this.ownerOf(accountId), correlationId },
    );
    for (const [userId, user] of this.users)
      if (user.memberships.some((m) => m.organizationId === organizationId))
        this.leave(userId, organizationId, {
          actorId: null,
          actorType: 'system',
          rel: 'organization_removed',
          correlationId,
        });
  }

  /**
   * R3: the whole merge as the merge process manager records it, under one correlation id: the
   * source is merged, the target absorbs it (R3.8), every ticket it requests changes requester with
   * reason `merge` (R3.6), its CCs are replaced on non-archived tickets (R3.7), then it completes.
   * Returns the UserMerged event id and the correlation id.
   */
  merge(sourceId: string, targetId: string, actorId: string) {
    const correlationId = this.log.id();
    const source = this.user(sourceId);
    const target = this.user(targetId);
    const [merged] = this.log.append(
      `user-${sourceId}`,
      [
        {
          type: 'UserMerged',
          data: { user_id: sourceId, account_id: source.accountId, target_id: targetId },
        },
      ],
      { accountId: source.accountId, actorId, correlationId },
    );
    const process = {
      actorId: null,
      actorType: 'system' as const,
      rel: 'merge',
      correlationId,
      causationId: merged!.eventId,
    };
    const absorbed: DomainEvent[] = [
      { type: 'MergedUserAbsorbed', data: { user_id: targetId, source_id: sourceId } },
      ...source.emails.map((value): DomainEvent => ({
        type: 'IdentityAdded',
        data: {
          user_id: targetId,
          identity: {
            identity_id: this.log.id(),
            type: 'email',
            value,
            verified: false,
            primary: false,
          },
        },
      })),
    ];
    target.emails.push(...source.emails);
    this.appendToUser(targetId, absorbed, process);
    for (const m of source.memberships)
      if (!target.memberships.some((own) => own.organizationId === m.organizationId))
        this.join(targetId, m.organizationId, false, process);
    let ticketsRewritten = 0;
    let ccsReplaced = 0;
    for (const [ticketId, t] of this.tickets) {
      const events: DomainEvent[] = [];
      if (t.requesterId === sourceId) {
        events.push({
          type: 'RequesterChanged',
          data: {
            ticket_id: ticketId,
            previous_requester_id: sourceId,
            requester_id: targetId,
            reason: 'merge',
          },
        });
        t.requesterId = targetId;
        ticketsRewritten += 1;
      }
      if (!t.archived && t.collaboratorIds.includes(sourceId)) {
        const replaced = !t.collaboratorIds.includes(targetId);
        events.push(
          replaced
            ? {
                type: 'CollaboratorReplaced',
                data: { ticket_id: ticketId, previous_user_id: sourceId, user_id: targetId },
              }
            : { type: 'CollaboratorRemoved', data: { ticket_id: ticketId, user_id: sourceId } },
        );
        t.collaboratorIds = t.collaboratorIds.filter((id) => id !== sourceId);
        if (replaced) t.collaboratorIds.push(targetId);
        ccsReplaced += 1;
      }
      if (events.length > 0) this.appendToTicket(ticketId, events, process);
    }
    const completed: DomainEvent = {
      type: 'UserMergeCompleted',
      data: {
        user_id: sourceId,
        target_id: targetId,
        tickets_rewritten: ticketsRewritten,
        ccs_replaced: ccsReplaced,
      },
    };
    this.appendToUser(sourceId, [completed], process);
    return { jobId: merged!.eventId, correlationId };
  }
}
