import * as t from 'io-ts';
import { defineEvent, type EventOf } from './define-event';
import { Channel, NonEmptyString, TicketStatus, Uuid, nullable } from './primitives';

/**
 * Ticket events carry user and organization ids, never names or addresses: personal data lives in
 * user streams only, so it can be erased without rewriting tickets.
 */
export const TicketCreated = defineEvent(
  'TicketCreated',
  'ticket',
  'A ticket was opened for its requester (its original requester, R1.3).',
  {
    ticket_id: Uuid,
    account_id: Uuid,
    subject: NonEmptyString,
    requester_id: Uuid,
    submitter_id: Uuid,
    organization_id: nullable(Uuid),
    status: TicketStatus,
    channel: Channel,
    collaborator_ids: t.array(Uuid),
  },
);
export const RequesterReason = t.keyof({ manual: null, merge: null }, 'RequesterReason');
export type RequesterReason = t.TypeOf<typeof RequesterReason>;
export const RequesterChanged = defineEvent(
  'RequesterChanged',
  'ticket',
  'The ticket got another requester (R1.1); the previous one stays in its history (R1.3). `reason` is `merge` when a user merge moved it (R3.6).',
  {
    ticket_id: Uuid,
    previous_requester_id: Uuid,
    requester_id: Uuid,
    reason: RequesterReason,
  },
);
export const TicketOrganizationReason = t.keyof(
  { manual: null, requester_changed: null, membership_removed: null, organization_removed: null },
  'TicketOrganizationReason',
);
export type TicketOrganizationReason = t.TypeOf<typeof TicketOrganizationReason>;
export const TicketOrganizationChanged = defineEvent(
  'TicketOrganizationChanged',
  'ticket',
  "The ticket's organization changed (R1.6, R2.6, R2.8, R2.9).",
  {
    ticket_id: Uuid,
    previous_organization_id: nullable(Uuid),
    organization_id: nullable(Uuid),
    reason: TicketOrganizationReason,
  },
);
export const TicketStatusChanged = defineEvent(
  'TicketStatusChanged',
  'ticket',
  "The ticket's status changed.",
  {
    ticket_id: Uuid,
    previous_status: TicketStatus,
    status: TicketStatus,
  },
);
export const TicketSubjectChanged = defineEvent(
  'TicketSubjectChanged',
  'ticket',
  "The ticket's subject changed.",
  {
    ticket_id: Uuid,
    previous_subject: NonEmptyString,
    subject: NonEmptyString,
  },
);
export const TicketArchived = defineEvent(
  'TicketArchived',
  'ticket',
  'A closed ticket was archived; this is never reversed.',
  {
    ticket_id: Uuid,
  },
);
export const CommentAdded = defineEvent(
  'CommentAdded',
  'ticket',
  'A comment was added to the ticket.',
  {
    ticket_id: Uuid,
    comment_id: Uuid,
    author_id: Uuid,
    body: NonEmptyString,
    public: t.boolean,
  },
);
export const CollaboratorAdded = defineEvent(
  'CollaboratorAdded',
  'ticket',
  'A user was copied (CC) on the ticket.',
  {
    ticket_id: Uuid,
    user_id: Uuid,
  },
);
export const CollaboratorRemoved = defineEvent(
  'CollaboratorRemoved',
  'ticket',
  'A user was no longer copied on the ticket.',
  {
    ticket_id: Uuid,
    user_id: Uuid,
  },
);
export const CollaboratorReplaced = defineEvent(
  'CollaboratorReplaced',
  'ticket',
  "A merge's target took the source's place as CC (R3.7).",
  {
    ticket_id: Uuid,
    previous_user_id: Uuid,
    user_id: Uuid,
  },
);
export const TicketTagAdded = defineEvent(
  'TicketTagAdded',
  'ticket',
  'A tag was put on the ticket, by hand or by a trigger action (R6.5).',
  {
    ticket_id: Uuid,
    tag: NonEmptyString,
  },
);

export const ticketEvents = [
  TicketCreated,
  RequesterChanged,
  TicketOrganizationChanged,
  TicketStatusChanged,
  TicketSubjectChanged,
  TicketArchived,
  CommentAdded,
  CollaboratorAdded,
  CollaboratorRemoved,
  CollaboratorReplaced,
  TicketTagAdded,
] as const;
export type TicketEvent = EventOf<(typeof ticketEvents)[number]>;
