import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { DomainEvent } from './catalog';
import type { EventDefinition } from './define-event';
import { EventMetadata } from './metadata';
import { publishedContract, upcastData, type EventContract } from './upcast';

/** One reason a value was refused: where it is, what was expected, what was found. */
export interface DecodeIssue {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

export interface DecodeError {
  readonly kind: 'DecodeError';
  readonly message: string;
  readonly issues: ReadonlyArray<DecodeIssue>;
}

const describeValue = (u: unknown): string => {
  if (u === undefined) return 'nothing';
  const json = JSON.stringify(u);
  return json === undefined ? String(u) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
};

/**
 * The path of an io-ts error as `data.identity.value`: keys of unions and intersections (exact or
 * not) are the index of a branch, not a field, so they are left out.
 */
const pathOf = (context: t.Context, prefix: string): string => {
  const keys: string[] = [];
  context.forEach((entry, i) => {
    if (i === 0 || entry.key === '') return;
    const outer = context[i - 1]!.type;
    // an exact codec validates its inner codec in its own context entry
    const parent = outer instanceof t.ExactType ? (outer.type as t.Mixed) : outer;
    if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) return;
    keys.push(entry.key);
  });
  return [prefix, ...keys].filter((k) => k !== '').join('.');
};

export const toDecodeIssues = (errors: t.Errors, prefix = ''): DecodeIssue[] => {
  const seen = new Set<string>();
  const issues: DecodeIssue[] = [];
  for (const error of errors) {
    const last = error.context[error.context.length - 1];
    const issue = {
      path: pathOf(error.context, prefix) || '(root)',
      expected: last?.type.name ?? 'unknown',
      actual: describeValue(error.value),
    };
    const key = `${issue.path}|${issue.expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
};

export const decodeError = (what: string, issues: ReadonlyArray<DecodeIssue>): DecodeError => ({
  kind: 'DecodeError',
  message: `${what}: ${issues.map((i) => `${i.path}: expected ${i.expected}, got ${i.actual}`).join('; ')}`,
  issues,
});

/** Decodes with a codec and reports every bad field by path instead of throwing. */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, what: string, prefix = '') => {
  // a success never reads its context: one for every value (`decode` makes one per call), and the
  // value's own, as `decode` gives it, only to report a failure
  const shared: t.Context = [{ key: '', type: codec, actual: undefined }];
  return (u: unknown): E.Either<DecodeError, A> => {
    const quick = codec.validate(u, shared);
    if (E.isRight(quick)) return quick;
    const decoded = codec.decode(u);
    return E.isLeft(decoded)
      ? E.left(decodeError(what, toDecodeIssues(decoded.left, prefix)))
      : decoded;
  };
};

/** each event type's data decoder, made once: decoding is what every event read goes through */
const dataDecoders = new WeakMap<EventDefinition<string, t.Mixed>, ReturnType<typeof decodeWith>>();

const dataDecoderOf = (definition: EventDefinition<string, t.Mixed>) => {
  let decoder = dataDecoders.get(definition);
  if (decoder === undefined) {
    decoder = decodeWith(definition.data, `invalid ${definition.type} event`, 'data');
    dataDecoders.set(definition, decoder);
  }
  return decoder;
};

/**
 * Decodes the data of an event of the given type, in its current shape; an unknown type is an
 * error, not a throw.
 */
export const decodeEventData = (
  type: unknown,
  data: unknown,
  contract: EventContract = publishedContract,
): E.Either<DecodeError, DomainEvent> => {
  if (typeof type !== 'string')
    return E.left(
      decodeError('invalid event', [
        { path: 'type', expected: 'string', actual: describeValue(type) },
      ]),
    );
  const definition = contract.definitionOf(type);
  if (definition === undefined)
    return E.left(
      decodeError('unknown event type', [
        { path: 'type', expected: 'a type of the event catalog', actual: describeValue(type) },
      ]),
    );
  const decoded = dataDecoderOf(definition)(data);
  return E.isLeft(decoded) ? decoded : E.right({ type, data: decoded.right } as DomainEvent);
};

export const decodeMetadata = decodeWith(EventMetadata, 'invalid event metadata', 'metadata');

/**
 * Decodes an event as stored, `{type, data, metadata}` (other fields, such as a feed's `stream`,
 * are ignored). Data written under an older schema version is upcast first (`upcast.ts`), so the
 * result always has the current shape, and its metadata's `schema_version` says so.
 */
export const decodeEvent = (
  raw: {
    readonly type: unknown;
    readonly data: unknown;
    readonly metadata: unknown;
  },
  contract: EventContract = publishedContract,
): E.Either<DecodeError, { readonly event: DomainEvent; readonly metadata: EventMetadata }> => {
  // early returns, not chained combinators: every event a process reads comes through here, and
  // fp-ts's data-last `chain` copies its arguments on each call
  const metadata = decodeMetadata(raw.metadata);
  if (E.isLeft(metadata)) return metadata;
  const stored = metadata.right;
  const data =
    typeof raw.type === 'string'
      ? upcastData(contract, raw.type, stored.schema_version, raw.data)
      : E.right(raw.data);
  if (E.isLeft(data)) return data;
  const event = decodeEventData(raw.type, data.right, contract);
  if (E.isLeft(event)) return event;
  const version = contract.definitionOf(event.right.type)?.schemaVersion ?? stored.schema_version;
  return E.right({
    event: event.right,
    metadata: version === stored.schema_version ? stored : { ...stored, schema_version: version },
  });
};

type StoredEvent = Parameters<typeof decodeEvent>[0];

/** what `decodeStoredOnce` decoded, by the stored object: forgotten with it */
const decodedOnce = new WeakMap<StoredEvent, ReturnType<typeof decodeEvent>>();

/**
 * `decodeEvent` (published contract) memoized on the stored object: readers that are handed the
 * same objects (a process's projectors and process managers, on its one live tail) decode each
 * event once between them. Stored events are never changed once read, so the result holds.
 */
export const decodeStoredOnce = (stored: StoredEvent): ReturnType<typeof decodeEvent> => {
  const known = decodedOnce.get(stored);
  if (known !== undefined) return known;
  const decoded = decodeEvent(stored);
  decodedOnce.set(stored, decoded);
  return decoded;
};
