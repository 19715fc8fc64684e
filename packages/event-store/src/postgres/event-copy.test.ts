import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import type { RecordedEvent, StoreError } from '../port';
import { eventCopyReader, eventCopyRows } from './event-copy';
import { EventRow, decodeRows, eventColumns } from './rows';
import { pgliteClient } from './pglite-client';
import { poolClient, type SqlClient } from './sql-client';
import { serverUrl } from './testing/server-url';
import { holdSharedPglite, sharedPglite } from './testing/shared-pglite';

holdSharedPglite();

/** The same columns, in `eventCopyStatement`'s order, of rows written as VALUES. */
const copiedColumns = `e.global_position, e.stream_name, e.revision, e.event_id, e.type, e.data,
  e.metadata, e.recorded_at`;
const valuesOf = (rows: ReadonlyArray<string>) =>
  `(VALUES ${rows.join(', ')}) AS e(global_position, stream_name, revision, event_id, type, data,
    metadata, recorded_at)`;
const row = (
  position: string,
  recordedAt: string,
  { stream = `'ticket-1'`, data = `'{"a": 1}'` } = {},
) =>
  `('${position}'::bigint, ${stream}, 0::bigint, 'e-${position}', 'Happened', ${data}::json,
    '{"actor": {"type": "system"}}'::json, '${recordedAt}'::timestamptz)`;

interface Engine {
  readonly name: string;
  /** the binary COPY of `SELECT … FROM from`, in the pieces the engine's client hands over */
  readonly copy: (from: string) => Promise<ReadonlyArray<Buffer>>;
  readonly select: (from: string) => Promise<ReadonlyArray<unknown>>;
  readonly close: () => Promise<void>;
}

const engineOf = (name: string, client: SqlClient, close: () => Promise<void>): Engine => ({
  name,
  copy: async (from) => {
    const pieces: Buffer[] = [];
    // the bytes may be the driver's: copied before the next piece reuses them
    await client.copyOut!(`SELECT ${copiedColumns} FROM ${from}`, (bytes) =>
      pieces.push(Buffer.from(bytes)),
    );
    return pieces;
  },
  select: async (from) => (await client.query(`SELECT ${eventColumns} FROM ${from}`)).rows,
  close,
});

const pgliteEngine = async (): Promise<Engine> => {
  const { db, release } = await sharedPglite();
  return engineOf('PGlite', pgliteClient(db), release);
};

const serverEngine = (connectionString: string) => async (): Promise<Engine> => {
  const pool = new Pool({ connectionString, max: 1 });
  return engineOf('the server', poolClient(pool), () => pool.end());
};

const url = serverUrl();
const engines: ReadonlyArray<readonly [string, () => Promise<Engine>]> = [
  ['PGlite', pgliteEngine],
  ...(url === undefined ? [] : [['the server', serverEngine(url)] as const]),
];

const read = (chunks: ReadonlyArray<Buffer>) => {
  const reader = eventCopyReader();
  chunks.forEach(reader.push);
  return reader.result();
};

const faultOf = (result: E.Either<StoreError, unknown>): string =>
  E.isLeft(result) && 'message' in result.left ? result.left.message : 'no fault';

describe.each(engines)('reading the log as a binary COPY on %s', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  it('reads every event as the selected rows read: positions past 2^53, text, JSON, times to the millisecond', async () => {
    const from = valuesOf([
      row('1', '2026-11-21T21:40:00.123999Z'),
      row('9007199254740993', '1969-12-31T23:59:59.9995Z', {
        stream: `'üser-✓'`,
        data: `'{"nested": {"list": [1, "two", null, true, 1.5e300], "unicode": "Ünïcödé ✓"}}'`,
      }),
      row('9223372036854775807', '1903-03-02T16:05:00.5Z'),
      row('-9223372036854775808', '2300-01-01T00:00:00.001Z'),
      row('4294967296', '200000-01-01T00:00:00.999Z'),
      row('-1', '0001-01-01T00:00:00Z'),
    ]);
    const copied = read(await engine.copy(from));
    const selected = decodeRows(EventRow, await engine.select(from));
    expect(E.isRight(selected)).toBe(true);
    expect(copied).toEqual(selected);
    const events = (copied as E.Right<RecordedEvent[]>).right;
    expect(events.map((event) => event.globalPosition)).toEqual([
      1n,
      9007199254740993n,
      9223372036854775807n,
      -9223372036854775808n,
      4294967296n,
      -1n,
    ]);
    expect(events[1]!.recordedAt.toISOString()).toBe('1969-12-31T23:59:59.999Z');
    expect(events[1]!.data).toEqual({
      nested: { list: [1, 'two', null, true, 1.5e300], unicode: 'Ünïcödé ✓' },
    });
  });

  it('reads an empty page', async () => {
    const from = `${valuesOf([row('1', '2026-01-01T00:00:00Z')])} WHERE false`;
    expect(read(await engine.copy(from))).toEqual(E.right([]));
  });

  it('refuses a time outside what a Date holds, as the selected rows do', async () => {
    for (const moment of ['infinity', '-infinity', '294276-12-31T23:59:59Z']) {
      const from = valuesOf([row('1', moment)]);
      expect(faultOf(read(await engine.copy(from)))).toMatch(/recorded_at is out of range/);
      expect(E.isLeft(decodeRows(EventRow, await engine.select(from)))).toBe(true);
    }
  });

  it('refuses a NULL where an event has a value, naming the column', async () => {
    const from = `(SELECT global_position, NULL::text AS stream_name, revision, event_id, type,
      data, metadata, recorded_at FROM ${valuesOf([row('1', '2026-01-01T00:00:00Z')])}) AS e`;
    expect(faultOf(read(await engine.copy(from)))).toBe(
      'unexpected rows from the event store: stream_name is null',
    );
  });

  describe('bytes that are not a copy of the log', () => {
    let valid: Buffer;
    beforeAll(async () => {
      const chunks = await engine.copy(
        valuesOf([row('1', '2026-01-01T00:00:00Z'), row('2', '2026-01-01T00:00:01Z')]),
      );
      valid = Buffer.concat(chunks);
      expect(read([valid])).toEqual(read(chunks));
    });

    it('a copy without the binary header', () => {
      const text = Buffer.from(valid);
      text.write('PGCOPX', 0, 'latin1');
      expect(faultOf(read([text]))).toMatch(/does not start with the binary header/);
    });

    it('a copy cut anywhere in a row, or without its trailer', () => {
      // every cut of the second row (it starts after the header and the first row)
      const first = read([valid]) as E.Right<RecordedEvent[]>;
      expect(first.right).toHaveLength(2);
      for (let cut = 20; cut < valid.length; cut += 1) {
        const result = read([valid.subarray(0, cut)]);
        expect(E.isLeft(result)).toBe(true);
      }
    });

    it('a row of another number of columns, or rows after the trailer', () => {
      const sevenColumns = Buffer.from(valid);
      sevenColumns.writeInt16BE(7, 19);
      expect(faultOf(read([sevenColumns]))).toMatch(/a row has 7 columns, not 8/);
      expect(faultOf(read([valid, valid.subarray(19)]))).toMatch(/rows follow the trailer/);
    });

    it('hands each event over as its row comes, and those before a fault stand, in order', () => {
      const handed: bigint[] = [];
      const rows = eventCopyRows((event) => handed.push(event.globalPosition));
      // the header and the first row, then the second row: each event as soon as its row is in
      const secondRow = [...Array(8).keys()].reduce((at) => at + 4 + valid.readInt32BE(at), 21);
      rows.push(valid.subarray(0, secondRow));
      expect(handed).toEqual([1n]);
      rows.push(valid.subarray(secondRow));
      expect(handed).toEqual([1n, 2n]);
      expect(rows.result()).toEqual(E.right(2));

      // a row cut short: the event before it was handed over, the read fails
      const cut: bigint[] = [];
      const cutRows = eventCopyRows((event) => cut.push(event.globalPosition));
      cutRows.push(valid.subarray(0, secondRow + 10));
      expect(cut).toEqual([1n]);
      expect(faultOf(cutRows.result())).toMatch(/cut short/);
    });

    it('data that is not JSON, or a position of another size', () => {
      // the first row's fields: position (4 + 8 bytes) at 21, then the stream's length and text
      const streamLength = valid.readInt32BE(21 + 12);
      const revisionAt = 21 + 12 + 4 + streamLength;
      const badSize = Buffer.from(valid);
      badSize.writeInt32BE(7, revisionAt);
      expect(E.isLeft(read([badSize]))).toBe(true);
      const dataAt = [...Array(2).keys()].reduce(
        (at) => at + 4 + valid.readInt32BE(at),
        revisionAt + 12,
      );
      expect(String.fromCharCode(valid[dataAt + 4]!)).toBe('{');
      const notJson = Buffer.from(valid);
      notJson[dataAt + 4] = '<'.charCodeAt(0);
      expect(faultOf(read([notJson]))).toMatch(/data is not JSON/);
    });
  });
});
