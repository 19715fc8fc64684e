import * as t from 'io-ts';

/**
 * Codecs for values read back from read-model tables. Both SQL clients agree on these once bigints
 * are selected as text (`::text`): PGlite would give a bigint, `pg` a string.
 */

/** A `bigint` column selected as text. */
export const BigIntFromText = new t.Type<bigint, string, unknown>(
  'BigIntFromText',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) => (typeof u === 'string' && /^-?\d+$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c)),
  (b) => b.toString(),
);

/** A `timestamptz` column: both clients give a `Date`; it is served as ISO-8601 UTC text. */
export const IsoTimestamp = new t.Type<string, string, unknown>(
  'IsoTimestamp',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    const date = u instanceof Date ? u : typeof u === 'string' ? new Date(u) : undefined;
    return date !== undefined && !Number.isNaN(date.getTime())
      ? t.success(date.toISOString())
      : t.failure(u, c);
  },
  t.identity,
);

/** An integer column (`int`, or a `count(*)` cast to `int`). */
export const Int = new t.Type<number, number, unknown>(
  'Int',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) => (typeof u === 'number' && Number.isInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

export const nullable = <C extends t.Mixed>(codec: C) =>
  t.union([codec, t.null], `${codec.name} | null`);

/** A `text` column restricted to a set of values (a status, a role, ...). */
export const oneOf = <K extends string>(values: ReadonlyArray<K>, name: string) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name);
