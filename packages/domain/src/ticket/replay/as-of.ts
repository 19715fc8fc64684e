import { assertNever } from '../../shared/decider';

/**
 * The point of a ticket's history to replay to: its head, a revision (counting from 0, the
 * ticket's first event), or a time, compared with each event's `occurred_at` (when it happened,
 * the time the read models and the audits show).
 */
export type AsOf =
  | { readonly kind: 'head' }
  | { readonly kind: 'revision'; readonly revision: bigint }
  /** ISO-8601 in UTC (`Z`), as `occurred_at` is written */
  | { readonly kind: 'time'; readonly time: string };

export const asOfHead: AsOf = { kind: 'head' };

/**
 * An ISO-8601 UTC time whose text sorts as the time does: the fraction of a second padded to
 * nanoseconds (`09:30:00Z` and `09:30:00.5Z` would otherwise sort the wrong way round).
 */
const sortable = (utc: string): string => {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(utc);
  return match === null ? utc : `${match[1]}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}Z`;
};

/** Whether something that happened at `occurredAt` lies after the point. */
export const isAfter = (asOf: AsOf, occurredAt: string, revision: bigint): boolean => {
  switch (asOf.kind) {
    case 'head':
      return false;
    case 'revision':
      return revision > asOf.revision;
    case 'time':
      return sortable(occurredAt) > sortable(asOf.time);
    default:
      return assertNever(asOf);
  }
};
