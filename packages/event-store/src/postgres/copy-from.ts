import type { Connection, Submittable } from 'pg';

/** `pg`'s connection has these (its COPY support); its type declarations leave them out */
interface CopyingConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * `COPY … FROM STDIN` as a `pg` submittable (an object `client.query` runs as it is): the statement
 * goes out, and when the server asks for the data, the rows go out as one CopyData message, in the
 * format the statement names. The server reads each value once: no array literal to parse and
 * unnest, no statement to plan, which is most of what a multi-row insert costs it.
 */
export class CopyFrom implements Submittable {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void };
  private rows = 0;

  constructor(
    private readonly statement: string,
    private readonly data: Uint8Array,
  ) {
    this.done = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.statement);
  }

  handleCopyInResponse(connection: Connection): void {
    const copying = connection as unknown as CopyingConnection;
    if (this.data.length > 0)
      copying.sendCopyFromChunk(
        Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength),
      );
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
