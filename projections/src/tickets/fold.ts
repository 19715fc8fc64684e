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

/** A row or patch that only the fold holds while it works: changed in place, event by event. */
type Draft<T> = { -readonly [K in keyof T]: T[K] };

type Folded =
  | { readonly kind: 'created'; readonly row: Draft<TicketRow> }
  | { readonly kind: 'changed'; readonly patch: Draft<TicketPatch> };

const created = (projected: Ticket): Draft<TicketRow> | undefined => {
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

const evolveRow = (row: Draft<TicketRow>, { event }: Ticket): void => {
  switch (event.type) {
    // a second creation cannot be decided; replaying one anyway keeps the first
    case 'TicketCreated':
    case 'CommentAdded':
    case 'TicketTagAdded':
      return;
    case 'RequesterChanged':
      row.requesterId = event.data.requester_id;
      return;
    case 'TicketOrganizationChanged':
      row.organizationId = event.data.organization_id;
      return;
    case 'TicketStatusChanged':
      row.status = event.data.status;
      return;
    case 'TicketSubjectChanged':
      row.subject = event.data.subject;
      return;
    case 'TicketArchived':
      row.archived = true;
      return;
    case 'CollaboratorAdded':
      row.collaboratorIds = withCollaborator(row.collaboratorIds, event.data.user_id);
      return;
    case 'CollaboratorRemoved':
      row.collaboratorIds = withoutCollaborator(row.collaboratorIds, event.data.user_id);
      return;
    case 'CollaboratorReplaced':
      row.collaboratorIds = withCollaborator(
        withoutCollaborator(row.collaboratorIds, event.data.previous_user_id),
        event.data.user_id,
      );
      return;
    default:
      return assertNever(event);
  }
};

const emptyPatch = (id: string, projected: Ticket): Draft<TicketPatch> => ({
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

const evolvePatch = (patch: Draft<TicketPatch>, { event }: Ticket): void => {
  const edits = patch.collaborators ?? noEdits;
  switch (event.type) {
    // a creation after the ticket exists is ignored, as the decider's evolve ignores it
    case 'TicketCreated':
    case 'CommentAdded':
    case 'TicketTagAdded':
      return;
    case 'RequesterChanged':
      patch.requesterId = event.data.requester_id;
      return;
    case 'TicketOrganizationChanged':
      patch.organization = { id: event.data.organization_id };
      return;
    case 'TicketStatusChanged':
      patch.status = event.data.status;
      return;
    case 'TicketSubjectChanged':
      patch.subject = event.data.subject;
      return;
    case 'TicketArchived':
      patch.archived = true;
      return;
    case 'CollaboratorAdded':
      patch.collaborators = addEdit(edits, event.data.user_id);
      return;
    case 'CollaboratorRemoved':
      patch.collaborators = removeEdit(edits, event.data.user_id);
      return;
    case 'CollaboratorReplaced':
      patch.collaborators = addEdit(
        removeEdit(edits, event.data.previous_user_id),
        event.data.user_id,
      );
      return;
    default:
      return assertNever(event);
  }
};

/** Every event touches the ticket: its version and update time follow the last one. */
const touch = (draft: Draft<TicketRow> | Draft<TicketPatch>, projected: Ticket): void => {
  draft.version = projected.revision;
  draft.updatedAt = projected.metadata.occurred_at;
};

const first = (projected: Ticket, id: string): Folded => {
  const row = created(projected);
  if (row !== undefined) return { kind: 'created', row };
  const patch = emptyPatch(id, projected);
  evolvePatch(patch, projected);
  return { kind: 'changed', patch };
};

export interface TicketBatch {
  /** tickets created in the batch, in their final state */
  readonly created: ReadonlyArray<TicketRow>;
  /** tickets created before the batch, with what the batch changes on them */
  readonly changed: ReadonlyArray<TicketPatch>;
}

/**
 * Folds batches in memory into one final state or one patch per ticket: `add` as often as events
 * come, then `batch`. Each ticket's draft is changed in place (a million events made two copies of
 * a row each); none leaves the fold before the batch is taken.
 */
export const ticketFold = () => {
  const byTicket = new Map<string, Folded>();
  return {
    add: (events: ReadonlyArray<Ticket>): void => {
      for (const projected of events) {
        const id = projected.event.data.ticket_id;
        const folded = byTicket.get(id);
        if (folded === undefined) byTicket.set(id, first(projected, id));
        else if (folded.kind === 'created') {
          evolveRow(folded.row, projected);
          touch(folded.row, projected);
        } else {
          evolvePatch(folded.patch, projected);
          touch(folded.patch, projected);
        }
      }
    },
    batch: (): TicketBatch => {
      const createdRows: TicketRow[] = [];
      const changed: TicketPatch[] = [];
      for (const folded of byTicket.values())
        if (folded.kind === 'created') createdRows.push(folded.row);
        else changed.push(folded.patch);
      return { created: createdRows, changed };
    },
  };
};

/** One batch of events folded (`ticketFold`). */
export const foldTicketBatch = (events: ReadonlyArray<Ticket>): TicketBatch => {
  const fold = ticketFold();
  fold.add(events);
  return fold.batch();
};
