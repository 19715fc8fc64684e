import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ExistingTicket } from '@helpdesk/domain';
import type {
  AppError,
  MergeTally,
  OrganizationMembers,
  ReadModelProgress,
  TicketSnapshot,
  TicketSnapshots,
} from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import {
  countMergeChanges,
  memberIdsOf,
  ticketSnapshotPage,
  type ProjectionRunner,
  type ReadModelError,
  type TicketSnapshotRow,
} from '@helpdesk/projections';

/** The process managers' ports, answered by the read models of `projections`. */

const unavailable = (error: ReadModelError): AppError => ({
  kind: 'StoreUnavailable',
  message: error.message,
  cause: error.cause,
});

const toSnapshot = (row: TicketSnapshotRow): TicketSnapshot => {
  const ticket: ExistingTicket = {
    exists: true,
    id: row.id,
    accountId: row.account_id,
    subject: row.subject,
    requesterId: row.requester_id,
    originalRequesterId: row.original_requester_id,
    submitterId: row.submitter_id,
    organizationId: row.organization_id,
    status: row.status,
    archived: row.archived,
    channel: row.channel,
    collaboratorIds: row.collaborator_ids,
    // no decision of a process reads them: MoveToMergeTarget and MoveTicketOrganization look at
    // the requester, the CCs, the organization and whether the ticket is archived
    commentIds: [],
    tags: [],
  };
  return { ticket, version: row.version, createdPosition: row.created_position };
};

export const readModelSnapshots = (session: SqlSession): TicketSnapshots => ({
  page: (query, after, limit) =>
    pipe(
      ticketSnapshotPage(session, query, after, limit),
      TE.map(({ rows, next }) => ({ snapshots: rows.map(toSnapshot), next })),
      TE.mapLeft(unavailable),
    ),
});

export const readModelTally = (session: SqlSession): MergeTally => ({
  count: (accountId, correlationId, sourceId) =>
    pipe(countMergeChanges(session, accountId, correlationId, sourceId), TE.mapLeft(unavailable)),
});

export const readModelMembers = (session: SqlSession): OrganizationMembers => ({
  memberIds: (accountId, organizationId) =>
    pipe(memberIdsOf(session, accountId, organizationId), TE.mapLeft(unavailable)),
});

/** Waits on the projections this process runs; a projection that failed or lags too long is a failure to retry. */
export const runnerProgress = (runner: ProjectionRunner, timeoutMs: number): ReadModelProgress => ({
  waitFor: (name, position) =>
    pipe(
      runner.waitForPosition(name, position, timeoutMs),
      TE.map(() => undefined),
      TE.mapLeft((error): AppError => ({
        kind: 'StoreUnavailable',
        message: `read model ${name} did not reach position ${position}: ${error.kind}`,
      })),
    ),
});
