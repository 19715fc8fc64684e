/**
 * Values in PostgreSQL's binary format, as its `*_send` functions write them and its `*_recv`
 * functions read them. A value the server's own text input would refuse is refused here, with the
 * same kind of message, before anything is sent: a batch with one bad value changes nothing.
 */

const hexDigits = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i += 1) hexDigits[48 + i] = i;
for (let i = 0; i < 6; i += 1) {
  hexDigits[65 + i] = 10 + i;
  hexDigits[97 + i] = 10 + i;
}
const hexAt = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 128 ? hexDigits[code]! : -1;
};

const invalid = (type: string, value: unknown): Error =>
  new Error(`invalid input syntax for type ${type}: ${JSON.stringify(value)}`);

/** where each byte's two digits start in a uuid's usual spelling, 8-4-4-4-12 */
const usualDigitsAt = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * A uuid spelled as nearly all are (36 characters, hyphens after the 8th, 12th, 16th and 20th
 * digit) written without a branch per digit; false, with the bytes unusable, for any other text.
 */
const writeUsualUuid = (target: Uint8Array, offset: number, value: string): boolean => {
  if (
    value.length !== 36 ||
    value.charCodeAt(8) !== 45 ||
    value.charCodeAt(13) !== 45 ||
    value.charCodeAt(18) !== 45 ||
    value.charCodeAt(23) !== 45
  )
    return false;
  // a digit that is not one (-1), or a character past ASCII, leaves `bad` negative
  let bad = 0;
  for (let byte = 0; byte < 16; byte += 1) {
    const at = usualDigitsAt[byte]!;
    const high = value.charCodeAt(at);
    const low = value.charCodeAt(at + 1);
    const highDigit = hexDigits[high & 127]!;
    const lowDigit = hexDigits[low & 127]!;
    bad |= highDigit | lowDigit | -((high | low) >> 7);
    target[offset + byte] = (highDigit << 4) | lowDigit;
  }
  return bad >= 0;
};

/**
 * A uuid's 16 bytes, written at `offset`, from any text `uuid_in` reads: 32 hex digits of either
 * case, a hyphen allowed after any group of four but the last, the whole optionally in braces.
 */
export const writeUuid = (target: Uint8Array, offset: number, value: unknown): void => {
  if (typeof value !== 'string') throw invalid('uuid', value);
  if (writeUsualUuid(target, offset, value)) return;
  let at = 0;
  const braced = value.charCodeAt(0) === 123; // {
  if (braced) at = 1;
  for (let byte = 0; byte < 16; byte += 1) {
    const high = hexAt(value, at);
    const low = hexAt(value, at + 1);
    if (high < 0 || low < 0) throw invalid('uuid', value);
    target[offset + byte] = (high << 4) | low;
    at += 2;
    if (byte % 2 === 1 && byte < 15 && value.charCodeAt(at) === 45) at += 1; // -
  }
  if (braced) {
    if (value.charCodeAt(at) !== 125) throw invalid('uuid', value); // }
    at += 1;
  }
  if (at !== value.length) throw invalid('uuid', value);
};

const isoTimestamp =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch */
const postgresEpochDays = 10_957;

/** Days from 2000-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
const daysSince2000 = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468 - postgresEpochDays;
};

const thirtyDayMonths = new Set([4, 6, 9, 11]);

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : thirtyDayMonths.has(month)
      ? 30
      : 31;

/** C's `rint`: to the nearest integer, halves to even, as the server rounds fractional seconds */
const roundHalfToEven = (x: number): number => {
  const nearest = Math.round(x);
  return nearest - x === 0.5 && nearest % 2 !== 0 ? nearest - 1 : nearest;
};

const outOfRange = (value: unknown): Error =>
  new Error(`date/time field value out of range: ${JSON.stringify(value)}`);

/**
 * Microseconds since 2000-01-01 UTC from checked fields: a number while that is exact (within
 * ±285 years of 2000), else a bigint.
 */
const microsOf = (
  text: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
  zoneMinutesEast: number,
): number | bigint => {
  const fits =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    minute <= 59 &&
    (hour < 24 || (hour === 24 && minute === 0 && second === 0 && micros === 0)) &&
    (second < 60 || (second === 60 && micros === 0));
  if (!fits) throw outOfRange(text);
  const seconds =
    (daysSince2000(year, month, day) * 24 + hour) * 3600 + (minute - zoneMinutesEast) * 60 + second;
  return Math.abs(seconds) < 9e9
    ? seconds * 1e6 + micros
    : BigInt(seconds) * 1_000_000n + BigInt(micros);
};

/** The number `count` digits at `at` spell, or -1 where one is not a digit. */
const digitsAt = (text: string, at: number, count: number): number => {
  let number = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
};

/**
 * `YYYY-MM-DDThh:mm:ss.sssZ`, as `toISOString` writes it and events carry it, read without the
 * pattern and its substrings; undefined for any other spelling.
 */
const canonicalMicros = (text: string): number | bigint | undefined => {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  )
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millis = digitsAt(text, 20, 3);
  if ((year | month | day | hour | minute | second | millis) < 0) return undefined;
  return microsOf(text, year, month, day, hour, minute, second, millis * 1000, 0);
};

/**
 * Microseconds since 2000-01-01 UTC, a `timestamptz` as the server stores it, from a `Date` or an
 * ISO 8601 text with a zone: `YYYY-MM-DDThh:mm:ss[.f…](Z|±hh:mm)`, the form events carry. Other
 * spellings the server would read are refused. The fields are checked as `timestamptz_in` checks
 * them (no 30 February; 24:00:00 and a leap second :60 roll over) and fractional seconds rounded
 * to the microsecond as it rounds them, halves to even. A number while that is exact.
 */
const timestampMicros = (value: unknown): number | bigint => {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalid('timestamp with time zone', value);
    return (ms - postgresEpochDays * 86_400_000) * 1000;
  }
  if (typeof value !== 'string') throw invalid('timestamp with time zone', value);
  const canonical = canonicalMicros(value);
  if (canonical !== undefined) return canonical;
  const match = isoTimestamp.exec(value);
  if (match === null) throw invalid('timestamp with time zone', value);
  const [, y, mo, d, h, mi, sec, fraction, sign, zoneHours, zoneMinutes] = match;
  const micros = fraction === undefined ? 0 : roundHalfToEven(Number(fraction) * 1e6);
  if (zoneHours !== undefined && (Number(zoneHours) > 15 || Number(zoneMinutes) > 59))
    throw new Error(`time zone displacement out of range: ${JSON.stringify(value)}`);
  const zoneMinutesEast =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  return microsOf(
    value,
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(sec),
    micros,
    zoneMinutesEast,
  );
};

/** A `timestamptz`'s 8 bytes (`timestampMicros`), written at `offset`. */
export const writeTimestamp = (target: Buffer, offset: number, value: unknown): void => {
  const micros = timestampMicros(value);
  if (typeof micros === 'bigint') {
    target.writeBigInt64BE(micros, offset);
    return;
  }
  // two's complement in two halves: no bigint for the common case
  const high = Math.floor(micros / 4_294_967_296);
  target.writeInt32BE(high, offset);
  target.writeUInt32BE(micros - high * 4_294_967_296, offset + 4);
};
