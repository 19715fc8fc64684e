import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { RecordedEvent, StoreError } from '../port';

const integerText = /^-?\d+$/;

/** A bigint column read as text (`::text` in every select): both clients would round it to a number. */
export const BigIntFromText = new t.Type<bigint, string, unknown>(
  'BigIntFromText',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) => (typeof u === 'string' && integerText.test(u) ? t.success(BigInt(u)) : t.failure(u, c)),
  (b) => b.toString(),
);

/**
 * `timestamptz`, selected as whole milliseconds since 1970 in text (`eventColumns`): read by
 * `Number`, a quarter of what parsing ISO text with `Date` costs, whatever the server's
 * `DateStyle`. A `Date` is accepted too (a `timestamptz` selected as it is).
 */
const Timestamp = new t.Type<Date, Date, unknown>(
  'Timestamp',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    const date =
      u instanceof Date
        ? u
        : typeof u === 'string' && integerText.test(u)
          ? new Date(Number(u))
          : undefined;
    return date !== undefined && !Number.isNaN(date.getTime()) ? t.success(date) : t.failure(u, c);
  },
  (d) => d,
);

/** The columns of a row of the log, each decoded by its codec: the names of a row's faults. */
const EventRowColumns = t.type({
  global_position: BigIntFromText,
  stream_name: t.string,
  revision: BigIntFromText,
  event_id: t.string,
  type: t.string,
  data: t.unknown,
  metadata: t.unknown,
  recorded_at: Timestamp,
});

const toRecordedEvent = (row: t.TypeOf<typeof EventRowColumns>): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  streamName: row.stream_name,
  revision: row.revision,
  globalPosition: row.global_position,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at,
});

/**
 * The same checks as `EventRowColumns`, written out: a rebuild decodes a million rows, and this
 * builds one object per row where the generic decoding builds three. Undefined when a column does
 * not fit, for `EventRowColumns` to name the fault.
 */
const recordedEventOf = (u: unknown): RecordedEvent | undefined => {
  if (typeof u !== 'object' || u === null) return undefined;
  const row = u as Partial<Record<keyof t.TypeOf<typeof EventRowColumns>, unknown>>;
  const { global_position, stream_name, revision, event_id, type, recorded_at } = row;
  if (
    typeof global_position !== 'string' ||
    !integerText.test(global_position) ||
    typeof revision !== 'string' ||
    !integerText.test(revision) ||
    typeof stream_name !== 'string' ||
    typeof event_id !== 'string' ||
    typeof type !== 'string'
  )
    return undefined;
  const recordedAt = Timestamp.decode(recorded_at);
  if (E.isLeft(recordedAt)) return undefined;
  return {
    id: event_id,
    type,
    streamName: stream_name,
    revision: BigInt(revision),
    globalPosition: BigInt(global_position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: recordedAt.right,
  };
};

/** A row of the log, as `SELECT ${eventColumns}` gives it, decoded into the event it records. */
export const EventRow = new t.Type<RecordedEvent, unknown, unknown>(
  'EventRow',
  (u): u is RecordedEvent =>
    typeof u === 'object' && u !== null && typeof (u as RecordedEvent).globalPosition === 'bigint',
  (u, c) => {
    const recorded = recordedEventOf(u);
    return recorded !== undefined
      ? t.success(recorded)
      : pipe(EventRowColumns.validate(u, c), E.map(toRecordedEvent));
  },
  t.identity,
);

/**
 * The columns `EventRow` decodes, for `SELECT ${eventColumns} FROM events e`. Order by `e.`
 * columns: a bare `global_position` in ORDER BY would sort by the text alias.
 */
export const eventColumns = `e.global_position::text AS global_position, e.stream_name,
  e.revision::text AS revision, e.event_id, e.type, e.data, e.metadata,
  floor(extract(epoch FROM e.recorded_at) * 1000)::text AS recorded_at`;

export const AppendOutcomeRow = t.type({
  request_index: t.number,
  appended: t.boolean,
  actual_revision: t.union([BigIntFromText, t.null]),
  next_revision: t.union([BigIntFromText, t.null]),
  last_position: t.union([BigIntFromText, t.null]),
});
export type AppendOutcomeRow = t.TypeOf<typeof AppendOutcomeRow>;

export const HeadRow = t.type({ head: t.union([BigIntFromText, t.null]) });

const describeErrors = (errors: t.Errors): string =>
  errors
    .map((error) =>
      error.context
        .map((entry) => entry.key)
        .filter((key) => key !== '')
        .join('.'),
    )
    .join(', ');

/** Decodes rows read from the store; a row that does not fit is reported, never cast. */
export const decodeRows = <C extends t.Mixed>(
  codec: C,
  rows: ReadonlyArray<unknown>,
): E.Either<StoreError, ReadonlyArray<t.TypeOf<C>>> =>
  pipe(
    t.array(codec).decode(rows),
    E.mapLeft((errors): StoreError => ({
      kind: 'StoreUnavailable',
      message: `unexpected rows from the event store at ${describeErrors(errors)}`,
    })),
  );
