import type { ReplayedExisting } from '@helpdesk/application';

/** A column's value as both sides are compared and reported: JSON, bigints as decimal text. */
export type ColumnValue = string | boolean | null | ReadonlyArray<string>;

/** A ticket as the columns of the `tickets` table hold it. */
export type TicketColumns = Readonly<Record<string, ColumnValue>>;

/** One column where the read model and the replay disagree; `row` when only one side has the ticket. */
export interface TicketDifference {
  readonly ticketId: string;
  readonly column: string;
  readonly readModel: ColumnValue;
  readonly replayed: ColumnValue;
}

/** CCs are a set: the read model keeps them in the order its batches met them. */
const asSet = (ids: ReadonlyArray<string>): ReadonlyArray<string> => [...ids].sort();

/** Times as the read model serves them: ISO-8601 UTC to the millisecond. */
export const asTimestamp = (time: string): string => {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString();
};

/** The replayed ticket in the columns of `tickets`. */
export const replayedColumns = ({
  state,
  version,
  createdAt,
  createdPosition,
  updatedAt,
}: ReplayedExisting): TicketColumns => ({
  account_id: state.accountId,
  subject: state.subject,
  status: state.status,
  archived: state.archived,
  requester_id: state.requesterId,
  original_requester_id: state.originalRequesterId,
  submitter_id: state.submitterId,
  organization_id: state.organizationId,
  collaborator_ids: asSet(state.collaboratorIds),
  channel: state.channel,
  version: version.toString(),
  created_position: createdPosition.toString(),
  created_at: asTimestamp(createdAt),
  updated_at: asTimestamp(updatedAt),
});

const same = (a: ColumnValue | undefined, b: ColumnValue | undefined): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((value, i) => value === b[i])
    : a === b;

/** Every column where the two differ, in the table's order; a missing side is one `row` difference. */
export const differencesOf = (
  ticketId: string,
  readModel: TicketColumns | undefined,
  replayed: TicketColumns | undefined,
): ReadonlyArray<TicketDifference> => {
  if (readModel === undefined && replayed === undefined) return [];
  if (readModel === undefined || replayed === undefined)
    return [
      {
        ticketId,
        column: 'row',
        readModel: readModel === undefined ? null : 'present',
        replayed: replayed === undefined ? null : 'present',
      },
    ];
  return Object.keys(replayed)
    .filter((column) => !same(readModel[column], replayed[column]))
    .map((column) => ({
      ticketId,
      column,
      readModel: readModel[column] ?? null,
      replayed: replayed[column] ?? null,
    }));
};
