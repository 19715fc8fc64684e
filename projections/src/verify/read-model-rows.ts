import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import type { ReadModelError } from '../read-model/query';
import { IsoTimestamp, nullable } from '../read-model/row-codecs';
import { asTimestamp, type TicketColumns } from './columns';

/**
 * Rows of `tickets` as they are, to be compared: text where the table has an enumeration (a
 * tampered status is a difference to report, not a row that fails to decode).
 */
const Row = t.type({
  id: t.string,
  account_id: t.string,
  subject: t.string,
  status: t.string,
  archived: t.boolean,
  requester_id: t.string,
  original_requester_id: t.string,
  submitter_id: t.string,
  organization_id: nullable(t.string),
  collaborator_ids: t.array(t.string),
  channel: t.string,
  version: t.string,
  created_position: t.string,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type Row = t.TypeOf<typeof Row>;

const columns = `id::text AS id, account_id::text AS account_id, subject, status, archived,
  requester_id::text AS requester_id, original_requester_id::text AS original_requester_id,
  submitter_id::text AS submitter_id, organization_id::text AS organization_id,
  collaborator_ids::text[] AS collaborator_ids, channel, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

export interface ReadModelTicket {
  readonly id: string;
  readonly columns: TicketColumns;
}

const toTicket = ({
  id,
  collaborator_ids,
  created_at,
  updated_at,
  ...rest
}: Row): ReadModelTicket => ({
  id,
  columns: {
    ...rest,
    collaborator_ids: [...collaborator_ids].sort(),
    created_at: asTimestamp(created_at),
    updated_at: asTimestamp(updated_at),
  },
});

const failure = (what: string, cause: unknown): ReadModelError => ({
  kind: 'ReadModelUnavailable',
  message: `could not read ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
  cause,
});

const decodeRows = (rows: unknown[]): E.Either<ReadModelError, ReadonlyArray<ReadModelTicket>> => {
  const decoded = t.array(Row).decode(rows);
  return E.isLeft(decoded)
    ? E.left(failure('tickets', 'a row of an unexpected shape'))
    : E.right(decoded.right.map(toTicket));
};

/** A page of `tickets` in id order, after `afterId` (from the start when undefined). */
export const ticketRowsAfter = async (
  session: SqlSession,
  afterId: string | undefined,
  limit: number,
): Promise<E.Either<ReadModelError, ReadonlyArray<ReadModelTicket>>> => {
  try {
    const { rows } = await session.query<unknown>(
      afterId === undefined
        ? `SELECT ${columns} FROM tickets ORDER BY id LIMIT $1`
        : `SELECT ${columns} FROM tickets WHERE id > $2::uuid ORDER BY id LIMIT $1`,
      afterId === undefined ? [limit] : [limit, afterId],
    );
    return decodeRows(rows);
  } catch (cause) {
    return E.left(failure('tickets', cause));
  }
};

/** One ticket's row, if the table has it. */
export const ticketRow = async (
  session: SqlSession,
  id: string,
): Promise<E.Either<ReadModelError, ReadModelTicket | undefined>> => {
  try {
    const { rows } = await session.query<unknown>(
      `SELECT ${columns} FROM tickets WHERE id = $1::uuid`,
      [id],
    );
    return E.map((found: ReadonlyArray<ReadModelTicket>) => found[0])(decodeRows(rows));
  } catch (cause) {
    return E.left(failure(`ticket ${id}`, cause));
  }
};
