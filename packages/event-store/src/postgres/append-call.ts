import * as E from 'fp-ts/Either';
import type { AppendRequest, AppendResult, ExpectedRevision, StoreError } from '../port';
import { AppendOutcomeRow, decodeRows } from './rows';
import type { SchemaName } from './schema-name';
import type { SqlSession } from './sql-client';
import { unavailable } from './store-errors';

export type AppendOutcome = E.Either<StoreError, AppendResult>;

const expectedText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;

/** JSON.stringify, but a value that has no JSON text (undefined, a function) is an error too. */
const jsonOf = (value: unknown): string => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('not a JSON value');
  return json;
};

/**
 * The JSON text of one request's events for `append_events`, written by hand so each request is
 * serialised on its own: one request whose data is not JSON fails alone, not its whole call.
 */
const eventsJson = (request: AppendRequest, index: number, firstOrder: number): string =>
  request.events
    .map(
      (event, offset) =>
        `{"k":${index},"o":${firstOrder + offset},"i":${jsonOf(event.id)},"t":${jsonOf(event.type)},` +
        `"d":${jsonOf(event.data)},"m":${jsonOf(event.metadata)}}`,
    )
    .join(',');

const toOutcome = (request: AppendRequest, row: AppendOutcomeRow): AppendOutcome =>
  row.appended
    ? E.right({
        // a stream still missing after appending nothing: -1, as the memory store reports it
        nextExpectedRevision: row.next_revision ?? -1n,
        position: row.last_position ?? -1n,
      })
    : E.left({
        kind: 'WrongExpectedVersion',
        streamName: request.streamName,
        expected: request.expectedRevision,
        actual: row.actual_revision ?? 'no_stream',
      });

/**
 * One call of `append_events`, one statement and one round trip, for requests whose stream names
 * are all different. Rejects when the statement fails; a request that cannot be serialised gets
 * its own error and is not sent.
 */
export const callAppendEvents = async (
  session: SqlSession,
  schema: SchemaName,
  requests: ReadonlyArray<AppendRequest>,
): Promise<ReadonlyArray<AppendOutcome>> => {
  const outcomes: AppendOutcome[] = new Array(requests.length);
  const requestParts: string[] = [];
  const eventParts: string[] = [];
  let order = 0;
  requests.forEach((request, index) => {
    try {
      const events = eventsJson(request, index, order);
      requestParts.push(
        `{"k":${index},"s":${jsonOf(request.streamName)},"x":"${expectedText(request.expectedRevision)}"}`,
      );
      if (events !== '') eventParts.push(events);
      order += request.events.length;
    } catch (cause) {
      outcomes[index] = E.left(unavailable(`events for ${request.streamName} are not JSON`, cause));
    }
  });
  if (requestParts.length === 0) return outcomes;

  const { rows } = await session.query(
    `SELECT request_index, appended, actual_revision::text AS actual_revision,
       next_revision::text AS next_revision, last_position::text AS last_position
     FROM ${schema}.append_events($1, $2)`,
    [`[${requestParts.join(',')}]`, `[${eventParts.join(',')}]`],
  );
  const decoded = decodeRows(AppendOutcomeRow, rows);
  if (E.isLeft(decoded)) return requests.map((_, index) => outcomes[index] ?? decoded);
  for (const row of decoded.right) {
    const request = requests[row.request_index];
    if (request !== undefined) outcomes[row.request_index] = toOutcome(request, row);
  }
  return requests.map(
    (request, index) =>
      outcomes[index] ?? E.left(unavailable(`no outcome came back for ${request.streamName}`)),
  );
};
