import type { Channel, DomainEvent, TicketStatus } from '@helpdesk/events';
import { Directory } from './directory';
import type { AppendContext } from './event-log';

interface TicketState {
  readonly accountId: string;
  requesterId: string;
  organizationId: string | null;
  collaboratorIds: string[];
  status: TicketStatus;
  archived: boolean;
}

export interface NewTicket {
  readonly requesterId: string;
  readonly submitterId?: string;
  readonly organizationId?: string | null;
  readonly subject?: string;
  readonly channel?: Channel;
  readonly collaboratorIds?: ReadonlyArray<string>;
  readonly comment?: string;
}

type OrganizationMoveReason = 'manual' | 'membership_removed' | 'organization_removed';

/** A scenario's tickets, appended as the ticket decider records them. */
export class TicketDesk extends Directory {
  protected readonly tickets = new Map<string, TicketState>();

  protected ticket(id: string): TicketState {
    const ticket = this.tickets.get(id);
    if (ticket === undefined) throw new Error(`no ticket ${id} in this scenario`);
    return ticket;
  }

  protected appendToTicket(
    ticketId: string,
    events: DomainEvent[],
    context: Partial<AppendContext>,
  ) {
    const { accountId } = this.ticket(ticketId);
    this.log.append(`ticket-${ticketId}`, events, {
      accountId,
      actorId: this.ownerOf(accountId),
      ...context,
    });
  }

  openTicket(accountId: string, ticket: NewTicket): string {
    const id = this.log.id();
    const organizationId =
      ticket.organizationId === undefined
        ? this.defaultOrganizationOf(ticket.requesterId)
        : ticket.organizationId;
    const submitterId = ticket.submitterId ?? ticket.requesterId;
    const collaboratorIds = [...(ticket.collaboratorIds ?? [])];
    const channel = ticket.channel ?? 'api';
    this.tickets.set(id, {
      accountId,
      requesterId: ticket.requesterId,
      organizationId,
      collaboratorIds: [...collaboratorIds],
      status: 'new',
      archived: false,
    });
    const created: DomainEvent = {
      type: 'TicketCreated',
      data: {
        ticket_id: id,
        account_id: accountId,
        subject: ticket.subject ?? 'Printer on fire',
        requester_id: ticket.requesterId,
        submitter_id: submitterId,
        organization_id: organizationId,
        status: 'new',
        channel,
        collaborator_ids: collaboratorIds,
      },
    };
    const comment: DomainEvent[] =
      ticket.comment === undefined
        ? []
        : [
            {
              type: 'CommentAdded',
              data: {
                ticket_id: id,
                comment_id: this.log.id(),
                author_id: submitterId,
                body: ticket.comment,
                public: true,
              },
            },
          ];
    this.appendToTicket(id, [created, ...comment], { actorId: submitterId, channel });
    return id;
  }

  /** R1.1, R1.6: a manual change; the organization follows the new requester's default. */
  changeRequester(ticketId: string, toUserId: string, actorId: string) {
    const ticket = this.ticket(ticketId);
    const changed: DomainEvent = {
      type: 'RequesterChanged',
      data: {
        ticket_id: ticketId,
        previous_requester_id: ticket.requesterId,
        requester_id: toUserId,
        reason: 'manual',
      },
    };
    const organizationId = this.defaultOrganizationOf(toUserId);
    const moved: DomainEvent[] =
      organizationId === ticket.organizationId
        ? []
        : [
            {
              type: 'TicketOrganizationChanged',
              data: {
                ticket_id: ticketId,
                previous_organization_id: ticket.organizationId,
                organization_id: organizationId,
                reason: 'requester_changed',
              },
            },
          ];
    ticket.requesterId = toUserId;
    ticket.organizationId = organizationId;
    this.appendToTicket(ticketId, [changed, ...moved], { actorId });
  }

  moveOrganization(
    ticketId: string,
    to: string | null,
    reason: OrganizationMoveReason,
    context: Partial<AppendContext> = {},
  ) {
    const ticket = this.ticket(ticketId);
    const data = {
      ticket_id: ticketId,
      previous_organization_id: ticket.organizationId,
      organization_id: to,
      reason,
    };
    ticket.organizationId = to;
    this.appendToTicket(ticketId, [{ type: 'TicketOrganizationChanged', data }], context);
  }

  changeStatus(ticketId: string, status: TicketStatus, actorId: string) {
    const ticket = this.ticket(ticketId);
    const data = { ticket_id: ticketId, previous_status: ticket.status, status };
    ticket.status = status;
    this.appendToTicket(ticketId, [{ type: 'TicketStatusChanged', data }], { actorId });
  }

  archive(ticketId: string) {
    this.ticket(ticketId).archived = true;
    this.appendToTicket(ticketId, [{ type: 'TicketArchived', data: { ticket_id: ticketId } }], {
      actorId: null,
      actorType: 'system',
      channel: 'system',
    });
  }

  comment(ticketId: string, authorId: string, body: string, isPublic = true) {
    const data = {
      ticket_id: ticketId,
      comment_id: this.log.id(),
      author_id: authorId,
      body,
      public: isPublic,
    };
    this.appendToTicket(ticketId, [{ type: 'CommentAdded', data }], { actorId: authorId });
  }

  addCc(ticketId: string, userId: string, actorId: string) {
    this.ticket(ticketId).collaboratorIds.push(userId);
    this.appendToTicket(
      ticketId,
      [{ type: 'CollaboratorAdded', data: { ticket_id: ticketId, user_id: userId } }],
      { actorId },
    );
  }

  /** The ticket as the scenario left it, to check read models against. */
  ticketState(ticketId: string): Readonly<TicketState> {
    return this.ticket(ticketId);
  }
}
