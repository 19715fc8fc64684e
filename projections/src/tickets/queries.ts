import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { Channel, TicketStatus } from '@helpdesk/events';
import type { SqlSession } from '@helpdesk/event-store';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
import { Int } from '../read-model/row-codecs';
import { TicketRecord } from './rows';

type TicketRecord = t.TypeOf<typeof TicketRecord>;

/** A ticket as the `tickets` read model serves it (`GET /api/v2/tickets/{id}`). */
export interface TicketView {
  readonly id: string;
  readonly accountId: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly archived: boolean;
  readonly requesterId: string;
  /** R1.3: the first requester, whatever happened since */
  readonly originalRequesterId: string;
  readonly submitterId: string;
  readonly organizationId: string | null;
  readonly collaboratorIds: ReadonlyArray<string>;
  readonly channel: Channel;
  /** the revision of the ticket's stream, for `ETag` and `If-Match` */
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: TicketRecord): TicketView => ({
  id: r.id,
  accountId: r.account_id,
  subject: r.subject,
  status: r.status,
  archived: r.archived,
  requesterId: r.requester_id,
  originalRequesterId: r.original_requester_id,
  submitterId: r.submitter_id,
  organizationId: r.organization_id,
  collaboratorIds: r.collaborator_ids,
  channel: r.channel,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const ticketColumns = `id, account_id, subject, status, archived, requester_id,
  original_requester_id, submitter_id, organization_id, collaborator_ids, channel,
  version::text AS version, created_position::text AS created_position, created_at, updated_at`;

const selectTickets = selectRows(TicketRecord, 'tickets');

export const findTicket = (
  session: SqlSession,
  accountId: string,
  ticketId: string,
): TE.TaskEither<ReadModelError, O.Option<TicketView>> =>
  pipe(
    selectOne(TicketRecord, 'tickets')(
      session,
      `SELECT ${ticketColumns} FROM tickets WHERE id = $1 AND account_id = $2`,
      [ticketId, accountId],
    ),
    TE.map(O.map(toView)),
  );

/** A page of tickets matching `condition` ($1 is the account, $2 the cursor, $3 the limit). */
const pageWhere = (
  session: SqlSession,
  condition: string,
  params: ReadonlyArray<unknown>,
  accountId: string,
  request: PageRequest,
): TE.TaskEither<ReadModelError, Page<TicketView>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectTickets(
      session,
      `SELECT ${ticketColumns} FROM tickets
       WHERE account_id = $1 AND created_position > $2::bigint AND ${condition}
       ORDER BY tickets.created_position LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1, ...params],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.created_position, toView)),
  );
};

/** `GET /api/v2/users/{id}/tickets/requested`, oldest first. */
export const ticketsRequestedBy = (
  session: SqlSession,
  accountId: string,
  userId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketView>> =>
  pageWhere(session, 'requester_id = $4', [userId], accountId, request);

/** `GET /api/v2/users/{id}/tickets/ccd`, oldest first. */
export const ticketsCcing = (
  session: SqlSession,
  accountId: string,
  userId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketView>> =>
  pageWhere(session, 'collaborator_ids @> ARRAY[$4::uuid]', [userId], accountId, request);

/** The tickets of an organization, oldest first. */
export const ticketsOfOrganization = (
  session: SqlSession,
  accountId: string,
  organizationId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketView>> =>
  pageWhere(session, 'organization_id = $4', [organizationId], accountId, request);

/**
 * R6.9: what an end user sees in the portal: the tickets they request, and every ticket of the
 * organizations they are a primary contact of (read from the `users` read model's memberships).
 */
export const portalRequestsOf = (
  session: SqlSession,
  accountId: string,
  userId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketView>> =>
  pageWhere(
    session,
    `(requester_id = $4 OR organization_id IN (
       SELECT organization_id FROM organization_memberships
       WHERE user_id = $4 AND primary_contact))`,
    [userId],
    accountId,
    request,
  );

/**
 * R6.9 with the viewer's facts given (`portalTicketFilter`, from the user's own stream): the
 * tickets `requesterId` requests and those of `organizationIds`, oldest first.
 */
export const ticketsInPortalView = (
  session: SqlSession,
  accountId: string,
  filter: { readonly requesterId: string; readonly organizationIds: ReadonlyArray<string> },
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<TicketView>> =>
  pageWhere(
    session,
    '(requester_id = $4 OR organization_id = ANY($5::uuid[]))',
    [filter.requesterId, [...filter.organizationIds]],
    accountId,
    request,
  );

const Count = t.type({ count: Int });

/** R3.3: how many tickets a user requests, closed and archived ones included. */
export const countTicketsRequestedBy = (
  session: SqlSession,
  accountId: string,
  userId: string,
): TE.TaskEither<ReadModelError, number> =>
  pipe(
    selectRows(Count, 'ticket count')(
      session,
      'SELECT count(*)::int AS count FROM tickets WHERE requester_id = $1 AND account_id = $2',
      [userId, accountId],
    ),
    TE.map((rows) => rows[0]?.count ?? 0),
  );

const Id = t.type({ id: t.string });
const selectIds = selectRows(Id, 'ticket ids');

const idsWhere = (
  session: SqlSession,
  condition: string,
  params: ReadonlyArray<unknown>,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  pipe(
    selectIds(
      session,
      `SELECT id FROM tickets WHERE account_id = $1 AND ${condition} ORDER BY created_position`,
      [...params],
    ),
    TE.map((rows) => rows.map((r) => r.id)),
  );

/** R3.6: every ticket a merge's source requests, closed and archived ones included. */
export const ticketIdsRequestedBy = (
  session: SqlSession,
  accountId: string,
  userId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  idsWhere(session, 'requester_id = $2', [accountId, userId]);

/** R3.7: the non-archived tickets on which a user is CC. */
export const unarchivedTicketIdsCcing = (
  session: SqlSession,
  accountId: string,
  userId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  idsWhere(session, 'collaborator_ids @> ARRAY[$2::uuid] AND NOT archived', [accountId, userId]);

/** R2.8: the non-archived tickets a user requests in an organization they leave. */
export const unarchivedTicketIdsRequestedIn = (
  session: SqlSession,
  accountId: string,
  requesterId: string,
  organizationId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  idsWhere(session, 'requester_id = $2 AND organization_id = $3 AND NOT archived', [
    accountId,
    requesterId,
    organizationId,
  ]);

const Requester = t.type({ requester_id: t.string });

/** R2.9: the requesters that have non-archived tickets in an organization being removed. */
export const requestersWithUnarchivedTicketsIn = (
  session: SqlSession,
  accountId: string,
  organizationId: string,
): TE.TaskEither<ReadModelError, ReadonlyArray<string>> =>
  pipe(
    selectRows(Requester, 'requesters')(
      session,
      `SELECT DISTINCT requester_id FROM tickets
       WHERE organization_id = $2 AND account_id = $1 AND NOT archived ORDER BY requester_id`,
      [accountId, organizationId],
    ),
    TE.map((rows) => rows.map((r) => r.requester_id)),
  );
