import { binaryCopySignature } from '@helpdesk/event-store';
import { writeTimestamp, writeUuid } from './binary-values';
import type { Column } from './multi-row';

/** the size of each piece of COPY data: sent as one message, as the rows fill it */
const defaultPieceSize = 256 * 1024;

/**
 * COPY data written into pieces as rows come: a full piece is kept as it is and the next one
 * begins, so nothing written is copied again however large the batch grows (a buffer grown by
 * doubling copied it up to twice, and its discarded halves set off young collections early).
 */
class CopyBuffer {
  private readonly pieces: Uint8Array[] = [];
  private bytes: Buffer;
  /** bytes written in the current piece */
  length = 0;

  constructor(
    estimate: number,
    private readonly pieceSize: number,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.min(Math.max(estimate, 1), pieceSize));
  }

  /** room for `size` more bytes in the current piece, returning the piece to write them into */
  room(size: number): Buffer {
    if (this.length + size > this.bytes.length) {
      if (this.length > 0) this.pieces.push(this.bytes.subarray(0, this.length));
      this.bytes = Buffer.allocUnsafe(Math.max(this.pieceSize, size));
      this.length = 0;
    }
    return this.bytes;
  }

  /** the current piece: valid until the next `room` */
  get buffer(): Buffer {
    return this.bytes;
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length).set(bytes, this.length);
    this.length += bytes.length;
  }

  int16(value: number): void {
    this.room(2).writeInt16BE(value, this.length);
    this.length += 2;
  }

  int32(value: number): void {
    this.room(4).writeInt32BE(value, this.length);
    this.length += 4;
  }

  /** a field of `size` bytes: writes its length, and returns where in `buffer` its value goes */
  fixedField(size: number): number {
    // room first: it may begin a new piece
    const bytes = this.room(4 + size);
    const at = this.length + 4;
    bytes.writeInt32BE(size, this.length);
    this.length = at + size;
    return at;
  }

  /** a field of UTF-8 text after `version` (jsonb's format byte) when given */
  textField(text: string, version?: number): void {
    const bytes = this.room(5 + text.length * 3);
    let at = this.length + 4;
    if (version !== undefined) bytes[at++] = version;
    const written = bytes.write(text, at, 'utf8');
    bytes.writeInt32BE(at + written - this.length - 4, this.length);
    this.length = at + written;
  }

  done(): ReadonlyArray<Uint8Array> {
    return [...this.pieces, this.bytes.subarray(0, this.length)];
  }
}

const int64Range = (value: bigint, given: unknown): bigint => {
  if (BigInt.asIntN(64, value) !== value)
    throw new Error(`value ${JSON.stringify(String(given))} is out of range for type bigint`);
  return value;
};

const integerText = /^[+-]?\d+$/;

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const minSafe = -maxSafe;

/** A bigint column's value: a bigint, a safe integer, or integer text (as `int8in` reads it). */
const int64Of = (value: unknown): bigint => {
  if (typeof value === 'bigint') return int64Range(value, value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && integerText.test(value.trim()))
    return int64Range(BigInt(value.trim()), value);
  throw new Error(`invalid input syntax for type bigint: ${JSON.stringify(String(value))}`);
};

type Encoder = (into: CopyBuffer, value: unknown) => void;

/**
 * Each type's binary field (its length, then what its `*_send` writes). A null is SQL NULL, but
 * for `jsonb`: a JSON value that is null is the JSON `null`, as `insertRows` sends it.
 */
const encoders: Readonly<Record<string, Encoder>> = {
  uuid: (into, value) => {
    const at = into.fixedField(16);
    writeUuid(into.buffer, at, value);
  },
  text: (into, value) =>
    into.textField(typeof value === 'string' ? value : String(value as string | number | boolean)),
  bigint: (into, value) => {
    const at = into.fixedField(8);
    // a safe integer is written as two words: no bigint made (positions and revisions are bigints)
    const safe =
      typeof value === 'bigint' && value >= minSafe && value <= maxSafe ? Number(value) : value;
    if (typeof safe === 'number' && Number.isSafeInteger(safe)) {
      const high = Math.floor(safe / 0x1_0000_0000);
      into.buffer.writeInt32BE(high, at);
      into.buffer.writeUInt32BE(safe - high * 0x1_0000_0000, at + 4);
    } else into.buffer.writeBigInt64BE(int64Of(value), at);
  },
  timestamptz: (into, value) => {
    const at = into.fixedField(8);
    writeTimestamp(into.buffer, at, value);
  },
  jsonb: (into, value) => into.textField(JSON.stringify(value ?? null), 1),
  boolean: (into, value) => {
    if (typeof value !== 'boolean')
      throw new Error(`invalid input syntax for type boolean: ${JSON.stringify(String(value))}`);
    const at = into.fixedField(1);
    into.buffer[at] = value ? 1 : 0;
  },
};

/** Whether `binaryCopyData` writes every column: its types only, and no `select` expression. */
export const copiesInBinary = <Row>(columns: ReadonlyArray<Column<Row>>): boolean =>
  columns.every((c) => c.select === undefined && encoders[c.type] !== undefined);

/** Rows written one at a time in COPY's binary format, then the data as one piece. */
export interface BinaryCopyRows<Row> {
  /** throws, leaving the data unusable, at a value the server would refuse */
  readonly add: (row: Row) => void;
  readonly rows: () => number;
  /** the data, header to trailer, in pieces: call it once, after the last row */
  readonly done: () => ReadonlyArray<Uint8Array>;
}

/**
 * Rows in COPY's binary format (`COPY … FROM STDIN (FORMAT binary)`): the server reads each value
 * as its type's `*_recv` does, a few bytes for a uuid or a timestamp, where the text format has it
 * parse their text. On this project's bench the server loaded the audits in two thirds of the time
 * (docs/performance.md, "Session 9"). Each row is encoded as it is added: a batch gathered over
 * several pages keeps bytes outside the JavaScript heap, not the rows.
 */
export const binaryCopyRows = <Row>(
  columns: ReadonlyArray<Column<Row>>,
  { estimatedRows = 1024, pieceSize = defaultPieceSize } = {},
): BinaryCopyRows<Row> => {
  const write = columns.map((c) => {
    const encoder = encoders[c.type];
    if (encoder === undefined || c.select !== undefined)
      throw new Error(`column ${c.name} (${c.type}) has no binary COPY format here`);
    return encoder;
  });
  const into = new CopyBuffer(estimatedRows * columns.length * 24, pieceSize);
  into.append(binaryCopySignature);
  into.int32(0); // flags
  into.int32(0); // header extension
  let rows = 0;
  return {
    add: (row) => {
      into.int16(columns.length);
      for (let i = 0; i < columns.length; i += 1) {
        const value = columns[i]!.value(row);
        if ((value === null || value === undefined) && columns[i]!.type !== 'jsonb') into.int32(-1);
        else write[i]!(into, value);
      }
      rows += 1;
    },
    rows: () => rows,
    done: () => {
      into.int16(-1); // the end of the data
      return into.done();
    },
  };
};
