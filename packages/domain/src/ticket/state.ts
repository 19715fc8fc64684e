import type { Channel, TicketEvent, TicketStatus, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** A ticket as its decisions need it: ids only, personal data lives in user streams. */
export interface ExistingTicket {
  readonly exists: true;
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly subject: string;
  readonly requesterId: Uuid;
  /** the first requester, kept through every change (R1.3) */
  readonly originalRequesterId: Uuid;
  readonly submitterId: Uuid;
  readonly organizationId: Uuid | null;
  readonly status: TicketStatus;
  /** set once on a closed ticket, never reversed */
  readonly archived: boolean;
  readonly channel: Channel;
  readonly collaboratorIds: ReadonlyArray<Uuid>;
  /** kept so that a repeated AddComment decides nothing */
  readonly commentIds: ReadonlyArray<Uuid>;
  /** normalised tags, each once (R6.5: a trigger may add one) */
  readonly tags: ReadonlyArray<string>;
}

export type Ticket = { readonly exists: false } | ExistingTicket;

export const initialState = (): Ticket => ({ exists: false });

const withCollaborator = (ids: ReadonlyArray<Uuid>, id: Uuid): ReadonlyArray<Uuid> =>
  ids.includes(id) ? ids : [...ids, id];

const withoutCollaborator = (ids: ReadonlyArray<Uuid>, id: Uuid): ReadonlyArray<Uuid> =>
  ids.filter((existing) => existing !== id);

const evolveExisting = (ticket: ExistingTicket, event: TicketEvent): ExistingTicket => {
  switch (event.type) {
    // a second creation cannot be decided; replaying one anyway keeps the first
    case 'TicketCreated':
      return ticket;
    case 'RequesterChanged':
      return { ...ticket, requesterId: event.data.requester_id };
    case 'TicketOrganizationChanged':
      return { ...ticket, organizationId: event.data.organization_id };
    case 'TicketStatusChanged':
      return { ...ticket, status: event.data.status };
    case 'TicketSubjectChanged':
      return { ...ticket, subject: event.data.subject };
    case 'TicketArchived':
      return { ...ticket, archived: true };
    case 'CommentAdded':
      return { ...ticket, commentIds: [...ticket.commentIds, event.data.comment_id] };
    case 'CollaboratorAdded':
      return {
        ...ticket,
        collaboratorIds: withCollaborator(ticket.collaboratorIds, event.data.user_id),
      };
    case 'CollaboratorRemoved':
      return {
        ...ticket,
        collaboratorIds: withoutCollaborator(ticket.collaboratorIds, event.data.user_id),
      };
    case 'CollaboratorReplaced':
      return {
        ...ticket,
        collaboratorIds: withCollaborator(
          withoutCollaborator(ticket.collaboratorIds, event.data.previous_user_id),
          event.data.user_id,
        ),
      };
    case 'TicketTagAdded':
      return ticket.tags.includes(event.data.tag)
        ? ticket
        : { ...ticket, tags: [...ticket.tags, event.data.tag] };
    default:
      return assertNever(event);
  }
};

/** Events before the ticket's creation cannot exist in its stream; they are ignored. */
export const evolve = (state: Ticket, event: TicketEvent): Ticket => {
  if (state.exists) return evolveExisting(state, event);
  if (event.type !== 'TicketCreated') return state;
  const { data } = event;
  return {
    exists: true,
    id: data.ticket_id,
    accountId: data.account_id,
    subject: data.subject,
    requesterId: data.requester_id,
    originalRequesterId: data.requester_id,
    submitterId: data.submitter_id,
    organizationId: data.organization_id,
    status: data.status,
    archived: false,
    channel: data.channel,
    collaboratorIds: [...new Set(data.collaborator_ids)],
    commentIds: [],
    tags: [],
  };
};
