import * as t from 'io-ts';

/** Codecs for the values every event is made of. Each names itself so decode errors read well. */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refinedString = (
  name: string,
  accept: (s: string) => boolean,
): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && accept(u),
    (u, c) => (typeof u === 'string' && accept(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

export const Uuid = refinedString('Uuid', (s) => uuidPattern.test(s));
export type Uuid = string;

export const NonEmptyString = refinedString('NonEmptyString', (s) => s.trim().length > 0);

/** ISO-8601 UTC instant, as written by `Date.prototype.toISOString`. */
export const IsoDateTime = refinedString(
  'IsoDateTime',
  (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
);

// R5.3: syntactically valid addresses only; the `.invalid` TLD passes like any other domain.
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const EmailAddress = refinedString(
  'EmailAddress',
  (s) =>
    s.length <= 254 &&
    emailPattern.test(s) &&
    !s.split('@')[0]!.startsWith('.') &&
    !s.includes('..'),
);

/** Email addresses are compared case-insensitively (R5.2). */
export const normalizeEmail = (address: string): string => address.trim().toLowerCase();

/** R5.3: addresses at the reserved `.invalid` TLD belong to users who are never sent mail. */
export const isUndeliverableAddress = (address: string): boolean =>
  /\.invalid$/i.test(address.trim());

export const DomainName = refinedString('DomainName', (s) =>
  /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s),
);

export const PositiveInteger = new t.Type<number, number, unknown>(
  'PositiveInteger',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 1 ? t.success(u) : t.failure(u, c),
  t.identity,
);

export { nullable } from './codecs';

export const Role = t.keyof({ 'end-user': null, agent: null, admin: null }, 'Role');
export type Role = t.TypeOf<typeof Role>;

export const Plan = t.keyof({ team: null, professional: null, enterprise: null }, 'Plan');
export type Plan = t.TypeOf<typeof Plan>;

export const TicketStatus = t.keyof(
  { new: null, open: null, pending: null, hold: null, solved: null, closed: null },
  'TicketStatus',
);
export type TicketStatus = t.TypeOf<typeof TicketStatus>;

export const Channel = t.keyof(
  { api: null, web: null, email: null, portal: null, import: null, system: null },
  'Channel',
);
export type Channel = t.TypeOf<typeof Channel>;

export const UserFieldValue = t.union([t.string, t.number, t.boolean, t.null], 'UserFieldValue');
export const UserFields = t.record(t.string, UserFieldValue, 'UserFields');
export type UserFields = t.TypeOf<typeof UserFields>;
