import type { SqlSession } from '@helpdesk/event-store';
import {
  column,
  insertFrom,
  insertRows,
  unnestSource,
  plainArrayLiteral,
  stageRows,
  type Statement,
} from '../read-model/multi-row';
import type { TicketPatch, TicketRow } from './fold';

const rowColumns = [
  column<TicketRow>('id', 'uuid', (r) => r.id),
  column<TicketRow>('account_id', 'uuid', (r) => r.accountId),
  column<TicketRow>('subject', 'text', (r) => r.subject),
  column<TicketRow>('status', 'text', (r) => r.status),
  column<TicketRow>('archived', 'boolean', (r) => r.archived),
  column<TicketRow>('requester_id', 'uuid', (r) => r.requesterId),
  column<TicketRow>('original_requester_id', 'uuid', (r) => r.originalRequesterId),
  column<TicketRow>('submitter_id', 'uuid', (r) => r.submitterId),
  column<TicketRow>('organization_id', 'uuid', (r) => r.organizationId),
  column<TicketRow>(
    'collaborator_ids',
    'text',
    (r) => plainArrayLiteral(r.collaboratorIds),
    'collaborator_ids::uuid[]',
  ),
  column<TicketRow>('channel', 'text', (r) => r.channel),
  column<TicketRow>('version', 'bigint', (r) => r.version),
  column<TicketRow>('created_position', 'bigint', (r) => r.createdPosition),
  column<TicketRow>('created_at', 'timestamptz', (r) => r.createdAt),
  column<TicketRow>('updated_at', 'timestamptz', (r) => r.updatedAt),
];

/** Tickets created in the batch. A ticket that already exists keeps its row (its first creation). */
const onConflict = 'ON CONFLICT (id) DO NOTHING';

export const insertTickets = (rows: ReadonlyArray<TicketRow>): Statement =>
  insertRows('tickets', rowColumns, rows, onConflict);

/** `insertTickets` on a session that takes COPY, the rows staged first (`stageRows`). */
export const insertTicketsByCopy = async (
  session: SqlSession,
  rows: ReadonlyArray<TicketRow>,
): Promise<void> => {
  const staged = await stageRows(session, 'ticket_rows', rowColumns, rows);
  await session.query(insertFrom('tickets', rowColumns, staged, onConflict));
};

const patchColumns = [
  column<TicketPatch>('id', 'uuid', (p) => p.id),
  column<TicketPatch>('requester_id', 'uuid', (p) => p.requesterId),
  column<TicketPatch>('organization_changed', 'boolean', (p) => p.organization !== null),
  column<TicketPatch>('organization_id', 'uuid', (p) => p.organization?.id ?? null),
  column<TicketPatch>('status', 'text', (p) => p.status),
  column<TicketPatch>('subject', 'text', (p) => p.subject),
  column<TicketPatch>('archived', 'boolean', (p) => p.archived),
  column<TicketPatch>('cc_removed', 'text', (p) =>
    p.collaborators === null ? null : plainArrayLiteral(p.collaborators.removed),
  ),
  column<TicketPatch>('cc_added', 'text', (p) =>
    p.collaborators === null ? null : plainArrayLiteral(p.collaborators.added),
  ),
  column<TicketPatch>('version', 'bigint', (p) => p.version),
  column<TicketPatch>('updated_at', 'timestamptz', (p) => p.updatedAt),
];

/** `applyEdits` of collaborators.ts, in SQL: the kept CCs in their order, then the added ones. */
const editedCollaborators = `ARRAY(
    SELECT c FROM unnest(t.collaborator_ids) WITH ORDINALITY AS kept(c, n)
    WHERE c <> ALL (p.cc_removed::uuid[]) ORDER BY n
  ) || ARRAY(
    SELECT a FROM unnest(p.cc_added::uuid[]) WITH ORDINALITY AS added(a, n)
    WHERE NOT (a = ANY (t.collaborator_ids) AND a <> ALL (p.cc_removed::uuid[])) ORDER BY n
  )`;

/** The update of tickets created before the batch from their patches, `source` named `p`. */
const updateFrom = (source: string): string => `UPDATE tickets AS t SET
      requester_id = coalesce(p.requester_id, t.requester_id),
      organization_id = CASE WHEN p.organization_changed THEN p.organization_id ELSE t.organization_id END,
      status = coalesce(p.status, t.status),
      subject = coalesce(p.subject, t.subject),
      archived = t.archived OR p.archived,
      collaborator_ids = CASE WHEN p.cc_removed IS NULL THEN t.collaborator_ids
        ELSE ${editedCollaborators} END,
      version = p.version,
      updated_at = p.updated_at
    FROM ${source}
    WHERE t.id = p.id`;

/** Tickets created before the batch: one update for all, without reading them first. */
export const updateTickets = (patches: ReadonlyArray<TicketPatch>): Statement => {
  const source = unnestSource(patchColumns, patches, 'p');
  return { text: updateFrom(source.text), params: source.params };
};

/** `updateTickets` on a session that takes COPY, the patches staged first (`stageRows`). */
export const updateTicketsByCopy = async (
  session: SqlSession,
  patches: ReadonlyArray<TicketPatch>,
): Promise<void> => {
  const staged = await stageRows(session, 'ticket_patches', patchColumns, patches);
  await session.query(updateFrom(`${staged} AS p`));
};
