import * as t from 'io-ts';
import { checkOnly } from './codecs';

/** Codecs for the values every event is made of. Each names itself so decode errors read well. */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refinedString = (
  name: string,
  accept: (s: string) => boolean,
): t.Type<string, string, unknown> =>
  checkOnly(
    new t.Type<string, string, unknown>(
      name,
      (u): u is string => typeof u === 'string' && accept(u),
      (u, c) => (typeof u === 'string' && accept(u) ? t.success(u) : t.failure(u, c)),
      t.identity,
    ),
  );

export const Uuid = refinedString('Uuid', (s) => uuidPattern.test(s));
export type Uuid = string;

export const NonEmptyString = refinedString('NonEmptyString', (s) => s.trim().length > 0);

/** The number two digits at `at` spell, or -1. */
const twoDigits = (s: string, at: number): number => {
  const high = s.charCodeAt(at) - 48;
  const low = s.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
};

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDThh:mm:ss.sssZ` naming a real instant, as `toISOString` writes every event's time:
 * checked field by field, a tenth of the pattern and `Date.parse` (every event read pays it).
 */
const isCanonicalInstant = (s: string): boolean => {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 // Z
  )
    return false;
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const lastMs = s.charCodeAt(22) - 48;
  if (
    century < 0 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    twoDigits(s, 11) < 0 ||
    twoDigits(s, 11) > 23 ||
    twoDigits(s, 14) < 0 ||
    twoDigits(s, 14) > 59 ||
    twoDigits(s, 17) < 0 ||
    twoDigits(s, 17) > 59 ||
    twoDigits(s, 20) < 0 ||
    lastMs < 0 ||
    lastMs > 9
  )
    return false;
  const year = century * 100 + yearOfCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : daysInMonth[month - 1]!);
};

/** ISO-8601 UTC instant, as written by `Date.prototype.toISOString`. */
export const IsoDateTime = refinedString(
  'IsoDateTime',
  (s) =>
    isCanonicalInstant(s) ||
    (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s))),
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

export const PositiveInteger = checkOnly(
  new t.Type<number, number, unknown>(
    'PositiveInteger',
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
    (u, c) =>
      typeof u === 'number' && Number.isInteger(u) && u >= 1 ? t.success(u) : t.failure(u, c),
    t.identity,
  ),
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
