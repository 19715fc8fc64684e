import * as t from 'io-ts';
import type { AsOf } from '@helpdesk/domain';

/** What `as_of` names: a revision or a time; without it, the head. */
export type PointInHistory = Exclude<AsOf, { readonly kind: 'head' }>;

const revisionPattern = /^\d{1,15}$/;
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A time with its zone, in UTC as the log writes `occurred_at`, its fraction kept to the nanosecond. */
const inUtc = (time: string): string | undefined => {
  const instant = Date.parse(time);
  if (Number.isNaN(instant)) return undefined;
  const fraction = /\.(\d+)/.exec(time)?.[1] ?? '';
  const utc = new Date(instant).toISOString();
  return fraction.length > 3 ? utc.replace(/\.\d{3}Z$/, `.${fraction}Z`) : utc;
};

/**
 * `as_of` as a client or an operator writes it: a revision (`42`) or an ISO-8601 time with its
 * zone (`2024-03-01T09:30:00Z`, `2024-03-01T10:30:00+01:00`).
 */
export const AsOfInput = new t.Type<PointInHistory, string, unknown>(
  'a revision (0, 1, …) or an ISO-8601 time with its zone (2024-03-01T09:30:00Z)',
  (u): u is PointInHistory =>
    typeof u === 'object' &&
    u !== null &&
    'kind' in u &&
    (u.kind === 'revision' || u.kind === 'time'),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    if (revisionPattern.test(u)) return t.success({ kind: 'revision', revision: BigInt(u) });
    const time = timePattern.test(u) ? inUtc(u) : undefined;
    return time === undefined ? t.failure(u, c) : t.success({ kind: 'time', time });
  },
  (asOf) => (asOf.kind === 'revision' ? String(asOf.revision) : asOf.time),
);
