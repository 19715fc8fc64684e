import type { Channel, TicketEvent, TicketStatus } from '@helpdesk/events';
import { assertNever, type ProjectedOf } from '../read-model/events';
import {
  addEdit,
  noEdits,
  removeEdit,
  withCollaborator,
  withoutCollaborator,
  type CollaboratorEdits,
} from './collaborators';

/** A ticket's row as the `tickets` table holds it. */
export interface TicketRow {
  readonly id: string;
  readonly accountId: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly archived: boolean;
  readonly requesterId: string;
  /** the first requester, kept through every change (R1.3) */
  readonly originalRequesterId: string;
  readonly submitterId: string;
  readonly organizationId: string | null;
  readonly collaboratorIds: ReadonlyArray<string>;
  readonly channel: Channel;
  /** the revision of the ticket's stream: the ETag */
  readonly version: bigint;
  readonly createdPosition: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * What a batch changes on a ticket created before it, found without reading the row: the last
 * value of each field the batch sets (null: left as it is), and the CC edits.
 */
export interface TicketPatch {
  readonly id: string;
  readonly requesterId: string | null;
  readonly organization: { readonly id: string | null } | null;
  readonly status: TicketStatus | null;
  readonly subject: string | null;
  readonly archived: boolean;
  readonly collaborators: CollaboratorEdits | null;
  readonly version: bigint;
  readonly updatedAt: string;
}

type Ticket = ProjectedOf<TicketEvent>;

type Folded =
  | { readonly kind: 'created'; readonly row: TicketRow }
  | { readonly kind: 'changed'; readonly patch: TicketPatch };

const created = (projected: Ticket): TicketRow | undefined => {
  const { event } = projected;
  if (event.type !== 'TicketCreated') return undefined;
  const { data } = event;
  return {
    id: data.ticket_id,
    accountId: data.account_id,
    subject: data.subject,
    status: data.status,
    archived: false,
    requesterId: data.requester_id,
    originalRequesterId: data.requester_id,
    submitterId: data.submitter_id,
    organizationId: data.organization_id,
    collaboratorIds: [...new Set(data.collaborator_ids)],
    channel: data.channel,
    version: projected.revision,
    createdPosition: projected.globalPosition,
    createdAt: projected.metadata.occurred_at,
    updatedAt: projected.metadata.occurred_at,
  };
};

const evolveRow = (row: TicketRow, { event }: Ticket): TicketRow => {
  switch (event.type) {
    // a second creation cannot be decided; replaying one anyway keeps the first
    case 'TicketCreated':
    case 'CommentAdded':
    case 'TicketTagAdded':
      return row;
    case 'RequesterChanged':
      return { ...row, requesterId: event.data.requester_id };
    case 'TicketOrganizationChanged':
      return { ...row, organizationId: event.data.organization_id };
    case 'TicketStatusChanged':
      return { ...row, status: event.data.status };
    case 'TicketSubjectChanged':
      return { ...row, subject: event.data.subject };
    case 'TicketArchived':
      return { ...row, archived: true };
    case 'CollaboratorAdded':
      return { ...row, collaboratorIds: withCollaborator(row.collaboratorIds, event.data.user_id) };
    case 'CollaboratorRemoved':
      return {
        ...row,
        collaboratorIds: withoutCollaborator(row.collaboratorIds, event.data.user_id),
      };
    case 'CollaboratorReplaced':
      return {
        ...row,
        collaboratorIds: withCollaborator(
          withoutCollaborator(row.collaboratorIds, event.data.previous_user_id),
          event.data.user_id,
        ),
      };
    default:
      return assertNever(event);
  }
};

const emptyPatch = (id: string, projected: Ticket): TicketPatch => ({
  id,
  requesterId: null,
  organization: null,
  status: null,
  subject: null,
  archived: false,
  collaborators: null,
  version: projected.revision,
  updatedAt: projected.metadata.occurred_at,
});

const evolvePatch = (patch: TicketPatch, { event }: Ticket): TicketPatch => {
  const edits = patch.collaborators ?? noEdits;
  switch (event.type) {
    // a creation after the ticket exists is ignored, as the decider's evolve ignores it
    case 'TicketCreated':
    case 'CommentAdded':
    case 'TicketTagAdded':
      return patch;
    case 'RequesterChanged':
      return { ...patch, requesterId: event.data.requester_id };
    case 'TicketOrganizationChanged':
      return { ...patch, organization: { id: event.data.organization_id } };
    case 'TicketStatusChanged':
      return { ...patch, status: event.data.status };
    case 'TicketSubjectChanged':
      return { ...patch, subject: event.data.subject };
    case 'TicketArchived':
      return { ...patch, archived: true };
    case 'CollaboratorAdded':
      return { ...patch, collaborators: addEdit(edits, event.data.user_id) };
    case 'CollaboratorRemoved':
      return { ...patch, collaborators: removeEdit(edits, event.data.user_id) };
    case 'CollaboratorReplaced':
      return {
        ...patch,
        collaborators: addEdit(removeEdit(edits, event.data.previous_user_id), event.data.user_id),
      };
    default:
      return assertNever(event);
  }
};

/** Every event touches the ticket: its version and update time follow the last one. */
const touched = <A extends { version: bigint; updatedAt: string }>(
  value: A,
  projected: Ticket,
): A => ({
  ...value,
  version: projected.revision,
  updatedAt: projected.metadata.occurred_at,
});

const step = (folded: Folded | undefined, projected: Ticket, id: string): Folded => {
  if (folded === undefined) {
    const row = created(projected);
    return row !== undefined
      ? { kind: 'created', row }
      : { kind: 'changed', patch: evolvePatch(emptyPatch(id, projected), projected) };
  }
  return folded.kind === 'created'
    ? { kind: 'created', row: touched(evolveRow(folded.row, projected), projected) }
    : { kind: 'changed', patch: touched(evolvePatch(folded.patch, projected), projected) };
};

export interface TicketBatch {
  /** tickets created in the batch, in their final state */
  readonly created: ReadonlyArray<TicketRow>;
  /** tickets created before the batch, with what the batch changes on them */
  readonly changed: ReadonlyArray<TicketPatch>;
}

/** Folds a batch in memory into one final state or one patch per ticket. */
export const foldTicketBatch = (events: ReadonlyArray<Ticket>): TicketBatch => {
  const byTicket = new Map<string, Folded>();
  for (const projected of events) {
    const id = projected.event.data.ticket_id;
    byTicket.set(id, step(byTicket.get(id), projected, id));
  }
  const createdRows: TicketRow[] = [];
  const changed: TicketPatch[] = [];
  for (const folded of byTicket.values())
    if (folded.kind === 'created') createdRows.push(folded.row);
    else changed.push(folded.patch);
  return { created: createdRows, changed };
};
