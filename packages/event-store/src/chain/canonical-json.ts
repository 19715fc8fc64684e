/**
 * The JSON text of a value with every object's keys sorted (by UTF-16 code units, as
 * `Array.prototype.sort` compares strings) and no spaces; otherwise what `JSON.stringify` writes
 * (undefined members left out, `toJSON` honoured, non-finite numbers as null). The text depends on
 * the value alone, not on the order its keys were kept in: PostgreSQL's `jsonb` reorders them.
 * Throws where `JSON.stringify` throws (a bigint, a cycle), so a value no store could record
 * cannot be hashed either.
 */
export const canonicalJson = (value: unknown): string => write(value, 0) ?? 'null';

// deeper than any event; a cycle gets here too, and fails like JSON.stringify instead of overflowing
const maxDepth = 1_000;

// a string without quotes, backslashes, control characters or surrogates is written as it is
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

const quoted = (text: string): string =>
  needsEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;

const write = (value: unknown, depth: number): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a bigint has no JSON form');
    case 'object':
      return value === null ? 'null' : writeObject(value, depth);
    default:
      return undefined;
  }
};

const writeObject = (value: object, depth: number): string | undefined => {
  if (depth > maxDepth) throw new TypeError('a value this deep (or cyclic) has no JSON form');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(value), depth + 1);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1)
      text += `${i === 0 ? '' : ','}${write(value[i], depth + 1) ?? 'null'}`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of Object.keys(record).sort()) {
    const member = write(record[key], depth + 1);
    if (member !== undefined) text += `,${quoted(key)}:${member}`;
  }
  return `{${text.slice(1)}}`;
};
