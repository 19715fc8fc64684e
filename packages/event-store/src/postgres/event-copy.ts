import * as E from 'fp-ts/Either';
import type { RecordedEvent, StoreError } from '../port';
import type { SchemaName } from './schema-name';
import { unavailable } from './store-errors';

/**
 * A page of the log as a binary COPY (`SqlSession.copyOut` of `eventCopyQuery`): the server
 * sends each value in its own binary form (a position as 8 bytes, a time as microseconds, a json
 * value as its text) and this module reads them straight into `RecordedEvent`s.
 * Reading a million events this way cost this process 12.1–12.8 s of CPU instead of 15.4–16.7 s
 * through `pg`'s rows, and the server 5.8 s instead of 6.9–7.3 s (docs/performance.md, "Session 10").
 *
 * A COPY takes no parameters: the statement is written with the position and count in it, both
 * numbers written by this process.
 */
export const eventCopyQuery = (schema: SchemaName, after: bigint, limit: number | null): string =>
  `SELECT e.global_position, e.stream_name, e.revision, e.event_id, e.type, e.data, e.metadata,
    e.recorded_at FROM ${schema}.events e
  WHERE e.global_position > ${BigInt(after).toString()}::bigint
  ORDER BY e.global_position LIMIT ${limit === null ? 'ALL' : Math.trunc(limit).toString()}`;

const columns = 8;
/** The first 11 bytes of every binary COPY, either way (the read models write them too). */
export const binaryCopySignature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** flags of the header: bit 16 says each row starts with an OID, which this statement never asks */
const withOids = 1 << 16;
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch for `timestamptz` */
const postgresEpochMs = 946_684_800_000;
/** a high half in this range makes a 64-bit integer a number that holds it exactly */
const safeHigh = 0x20_0000;

class CopyFault extends Error {}

/** One row's fields, read in order; every length is checked against the bytes that came. */
class FieldReader {
  constructor(
    private readonly bytes: Buffer,
    private at: number,
  ) {}

  get position(): number {
    return this.at;
  }

  /** the next field's bytes [start, end); a NULL or a field running past the row is a fault */
  private field(name: string): number {
    if (this.at + 4 > this.bytes.length) throw new CopyFault(`${name} is cut short`);
    const length = this.bytes.readInt32BE(this.at);
    this.at += 4;
    if (length < 0) throw new CopyFault(`${name} is null`);
    if (this.at + length > this.bytes.length) throw new CopyFault(`${name} is cut short`);
    const start = this.at;
    this.at += length;
    return start;
  }

  private fixed(name: string, size: number): number {
    const start = this.field(name);
    if (this.at - start !== size) throw new CopyFault(`${name} is not ${size} bytes`);
    return start;
  }

  int8(name: string): bigint {
    const start = this.fixed(name, 8);
    const high = this.bytes.readInt32BE(start);
    // one BigInt of a number costs a fraction of readBigInt64BE's shifts and sums
    return high >= -safeHigh && high < safeHigh
      ? BigInt(high * 0x1_0000_0000 + this.bytes.readUInt32BE(start + 4))
      : this.bytes.readBigInt64BE(start);
  }

  text(name: string): string {
    const start = this.field(name);
    return this.bytes.toString('utf8', start, this.at);
  }

  json(name: string): unknown {
    const start = this.field(name);
    try {
      return JSON.parse(this.bytes.toString('utf8', start, this.at));
    } catch {
      throw new CopyFault(`${name} is not JSON`);
    }
  }

  /** whole milliseconds, rounded down as `floor(extract(epoch …) * 1000)` does in `eventColumns` */
  timestamptz(name: string): Date {
    const start = this.fixed(name, 8);
    const high = this.bytes.readInt32BE(start);
    let milliseconds: number;
    if (high >= -safeHigh && high < safeHigh) {
      const micros = high * 0x1_0000_0000 + this.bytes.readUInt32BE(start + 4);
      const below = ((micros % 1000) + 1000) % 1000;
      milliseconds = (micros - below) / 1000;
    } else {
      const micros = this.bytes.readBigInt64BE(start);
      const quotient = micros / 1000n;
      milliseconds = Number(micros < 0n && quotient * 1000n !== micros ? quotient - 1n : quotient);
    }
    // ±infinity (the int64 bounds) and anything else past Date's range
    const date = new Date(postgresEpochMs + milliseconds);
    if (Number.isNaN(date.getTime())) throw new CopyFault(`${name} is out of range`);
    return date;
  }
}

const eventOf = (fields: FieldReader): RecordedEvent => {
  const globalPosition = fields.int8('global_position');
  const streamName = fields.text('stream_name');
  const revision = fields.int8('revision');
  const id = fields.text('event_id');
  const type = fields.text('type');
  const data = fields.json('data');
  const metadata = fields.json('metadata');
  const recordedAt = fields.timestamptz('recorded_at');
  return { id, type, streamName, revision, globalPosition, data, metadata, recordedAt };
};

/**
 * Reads the bytes of an event copy as they come: each `push` takes whole rows (the first push
 * starts with the header, the last ends with the trailer), whether the server sent them one CopyData
 * message each or PGlite as one blob. Each event goes to `each` as soon as its row is read. A fault
 * is kept, and the rest ignored, until `result` reports it; `result` counts the events read.
 */
export const eventCopyRows = (each: (event: RecordedEvent) => void) => {
  let read = 0;
  let headerRead = false;
  let ended = false;
  let fault: string | undefined;

  const readHeader = (bytes: Buffer): number => {
    if (bytes.length < 19 || !bytes.subarray(0, 11).equals(binaryCopySignature))
      throw new CopyFault('the copy does not start with the binary header');
    if ((bytes.readInt32BE(11) & withOids) !== 0) throw new CopyFault('the rows carry OIDs');
    return 19 + bytes.readInt32BE(15);
  };

  const push = (bytes: Buffer): void => {
    if (fault !== undefined) return;
    try {
      let at = 0;
      if (!headerRead) {
        at = readHeader(bytes);
        headerRead = true;
      }
      while (at < bytes.length) {
        if (ended) throw new CopyFault('rows follow the trailer');
        if (at + 2 > bytes.length) throw new CopyFault('a row is cut short');
        const count = bytes.readInt16BE(at);
        at += 2;
        if (count === -1) {
          ended = true;
          continue;
        }
        if (count !== columns) throw new CopyFault(`a row has ${count} columns, not ${columns}`);
        const fields = new FieldReader(bytes, at);
        const event = eventOf(fields);
        at = fields.position;
        read += 1;
        each(event);
      }
    } catch (error) {
      fault = error instanceof CopyFault ? error.message : String(error);
    }
  };

  const result = (): E.Either<StoreError, number> =>
    fault !== undefined
      ? E.left(unavailable(`unexpected rows from the event store: ${fault}`))
      : !ended
        ? E.left(unavailable('unexpected rows from the event store: the copy has no trailer'))
        : E.right(read);

  return { push, result };
};

/** `eventCopyRows` collecting the page: `result` is its events. */
export const eventCopyReader = () => {
  const events: RecordedEvent[] = [];
  const rows = eventCopyRows((event) => events.push(event));
  return {
    push: rows.push,
    result: (): E.Either<StoreError, RecordedEvent[]> => E.map(() => events)(rows.result()),
  };
};
