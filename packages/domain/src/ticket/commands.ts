import * as t from 'io-ts';
import { NonEmptyString, TicketStatus, Uuid, nullable } from '@helpdesk/events';
import { CommandActor, KnownUser } from '../shared/facts';
import { TagInput } from './tags';

/**
 * The ticket's commands. Facts about other aggregates (`KnownUser`) are looked up by the
 * application layer and carried here; the decider checks them and never fetches.
 */

/** Commands that only process managers issue (merge, organization removal) are the system's. */
export const SystemActor = t.strict({ type: t.literal('system') }, 'SystemActor');
export type SystemActor = t.TypeOf<typeof SystemActor>;

/** Where a ticket can be created from; each one chooses the organization its own way (R2.3–R2.5). */
export const TicketChannel = t.keyof(
  { api: null, web: null, email: null, portal: null },
  'TicketChannel',
);
export type TicketChannel = t.TypeOf<typeof TicketChannel>;

export const FirstComment = t.strict(
  { commentId: Uuid, body: NonEmptyString, public: t.boolean },
  'FirstComment',
);
export type FirstComment = t.TypeOf<typeof FirstComment>;

export const CreateTicket = t.intersection(
  [
    t.strict({
      type: t.literal('CreateTicket'),
      ticketId: Uuid,
      accountId: Uuid,
      actor: CommandActor,
      subject: NonEmptyString,
      requester: KnownUser,
      submitterId: Uuid,
      channel: TicketChannel,
    }),
    t.exact(
      t.partial({
        /** the organization asked for; how it is used depends on the channel (R2.3–R2.5) */
        organizationId: nullable(Uuid),
        /** `new` when absent */
        status: TicketStatus,
        collaborators: t.array(KnownUser),
        firstComment: FirstComment,
      }),
    ),
  ],
  'CreateTicket',
);
export type CreateTicket = t.TypeOf<typeof CreateTicket>;

export const ChangeRequester = t.strict(
  {
    type: t.literal('ChangeRequester'),
    ticketId: Uuid,
    actor: CommandActor,
    newRequester: KnownUser,
  },
  'ChangeRequester',
);
export type ChangeRequester = t.TypeOf<typeof ChangeRequester>;

/** One ticket's share of a user merge (R3.6, R3.7): the source's place goes to the target. */
export const MoveToMergeTarget = t.strict(
  {
    type: t.literal('MoveToMergeTarget'),
    ticketId: Uuid,
    actor: SystemActor,
    sourceId: Uuid,
    target: KnownUser,
  },
  'MoveToMergeTarget',
);
export type MoveToMergeTarget = t.TypeOf<typeof MoveToMergeTarget>;

export const ChangeTicketOrganization = t.strict(
  {
    type: t.literal('ChangeTicketOrganization'),
    ticketId: Uuid,
    actor: CommandActor,
    organizationId: nullable(Uuid),
    /** the ticket's requester as they are now, to check R2.6 */
    requester: KnownUser,
  },
  'ChangeTicketOrganization',
);
export type ChangeTicketOrganization = t.TypeOf<typeof ChangeTicketOrganization>;

export const OrganizationMoveReason = t.keyof(
  { membership_removed: null, organization_removed: null },
  'OrganizationMoveReason',
);
export type OrganizationMoveReason = t.TypeOf<typeof OrganizationMoveReason>;

/**
 * One ticket's share of a membership or organization removal (R2.8, R2.9). `requesterId` is the
 * requester whose default organization `toOrganizationId` was computed from.
 */
export const MoveTicketOrganization = t.strict(
  {
    type: t.literal('MoveTicketOrganization'),
    ticketId: Uuid,
    actor: SystemActor,
    requesterId: Uuid,
    fromOrganizationId: Uuid,
    toOrganizationId: nullable(Uuid),
    reason: OrganizationMoveReason,
  },
  'MoveTicketOrganization',
);
export type MoveTicketOrganization = t.TypeOf<typeof MoveTicketOrganization>;

export const ChangeTicketStatus = t.strict(
  {
    type: t.literal('ChangeTicketStatus'),
    ticketId: Uuid,
    actor: CommandActor,
    status: TicketStatus,
  },
  'ChangeTicketStatus',
);
export type ChangeTicketStatus = t.TypeOf<typeof ChangeTicketStatus>;

export const ChangeTicketSubject = t.strict(
  {
    type: t.literal('ChangeTicketSubject'),
    ticketId: Uuid,
    actor: CommandActor,
    subject: NonEmptyString,
  },
  'ChangeTicketSubject',
);
export type ChangeTicketSubject = t.TypeOf<typeof ChangeTicketSubject>;

export const AddComment = t.strict(
  {
    type: t.literal('AddComment'),
    ticketId: Uuid,
    actor: CommandActor,
    commentId: Uuid,
    authorId: Uuid,
    body: NonEmptyString,
    public: t.boolean,
  },
  'AddComment',
);
export type AddComment = t.TypeOf<typeof AddComment>;

export const AddCollaborator = t.strict(
  {
    type: t.literal('AddCollaborator'),
    ticketId: Uuid,
    actor: CommandActor,
    collaborator: KnownUser,
  },
  'AddCollaborator',
);
export type AddCollaborator = t.TypeOf<typeof AddCollaborator>;

/** Only an id: a user who was merged or deleted must still be removable. */
export const RemoveCollaborator = t.strict(
  {
    type: t.literal('RemoveCollaborator'),
    ticketId: Uuid,
    actor: CommandActor,
    collaboratorId: Uuid,
  },
  'RemoveCollaborator',
);
export type RemoveCollaborator = t.TypeOf<typeof RemoveCollaborator>;

export const ArchiveTicket = t.strict(
  { type: t.literal('ArchiveTicket'), ticketId: Uuid, actor: CommandActor },
  'ArchiveTicket',
);
export type ArchiveTicket = t.TypeOf<typeof ArchiveTicket>;

/** R6.5: a trigger's `add_tag` action, or an agent tagging by hand. */
export const AddTicketTag = t.strict(
  {
    type: t.literal('AddTicketTag'),
    ticketId: Uuid,
    actor: CommandActor,
    tag: TagInput,
  },
  'AddTicketTag',
);
export type AddTicketTag = t.TypeOf<typeof AddTicketTag>;

export const TicketCommand = t.union(
  [
    CreateTicket,
    ChangeRequester,
    MoveToMergeTarget,
    ChangeTicketOrganization,
    MoveTicketOrganization,
    ChangeTicketStatus,
    ChangeTicketSubject,
    AddComment,
    AddCollaborator,
    RemoveCollaborator,
    ArchiveTicket,
    AddTicketTag,
  ],
  'TicketCommand',
);
export type TicketCommand = t.TypeOf<typeof TicketCommand>;
