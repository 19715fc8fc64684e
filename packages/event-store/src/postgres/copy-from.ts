import type { Connection, Submittable } from 'pg';

/** `pg`'s connection has these (its socket, and the end of its COPY support); its type declarations leave them out */
interface CopyingConnection {
  readonly stream: { readonly writable: boolean; write(bytes: Uint8Array): boolean };
  endCopyFrom(): void;
}

/** CopyData's message type, `d` */
const copyData = 0x64;

/**
 * `COPY … FROM STDIN` as a `pg` submittable (an object `client.query` runs as it is): the statement
 * goes out, and when the server asks for the data, the rows go out, one CopyData message per piece,
 * in the format the statement names. The server reads each value once: no array literal to parse
 * and unnest, no statement to plan, which is most of what a multi-row insert costs it.
 *
 * Each message is its 5-byte header and the piece as it is, written to the socket: `pg`'s own
 * `sendCopyFromChunk` copies a piece into a buffer it grows by doubling, then copies that again.
 * Those buffers count as V8's external memory, whose growth sets off young collections early: a
 * rebuild of the bench's million events was collected 72 times of about 115 for external memory,
 * and not once when its COPY data went out in pieces as written (docs/performance.md, "Session 12").
 */
export class CopyFrom implements Submittable {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void };
  private rows = 0;

  constructor(
    private readonly statement: string,
    private readonly data: Uint8Array | ReadonlyArray<Uint8Array>,
  ) {
    this.done = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.statement);
  }

  handleCopyInResponse(connection: Connection): void {
    const copying = connection as unknown as CopyingConnection;
    for (const piece of this.data instanceof Uint8Array ? [this.data] : this.data) {
      // as `pg` sends: a connection that can no longer write fails the query through its own error
      if (piece.length === 0 || !copying.stream.writable) continue;
      const header = Buffer.allocUnsafe(5);
      header[0] = copyData;
      header.writeInt32BE(piece.length + 4, 1);
      copying.stream.write(header);
      copying.stream.write(piece);
    }
    copying.endCopyFrom();
  }

  handleCommandComplete(message: { readonly text?: string }): void {
    // `COPY 1234`
    this.rows = Number(message.text?.split(' ')[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.settle.resolve(this.rows);
  }

  /** the server refused the statement or a row: the client forgets this query, ready or not */
  handleError(error: unknown): void {
    this.settle.reject(error);
  }

  // a COPY FROM returns no rows; the other messages a query may receive carry nothing for it
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}
