import type { Connection, Submittable } from 'pg';

/** `pg`'s connection has it (its COPY support); its type declarations leave it out */
interface CopyingConnection {
  sendCopyFail(message: string): void;
}

/**
 * `COPY (…) TO STDOUT …` as a `pg` submittable: each CopyData message (the server sends one per
 * row, the first with the header of a binary copy) is handed to `onRow` as it arrives. The bytes
 * are a view of the driver's buffer, valid only during the call. No row object is built, no column
 * parsed by the driver: the caller reads the values it asked for, in the format it asked for.
 */
export class CopyTo implements Submittable {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void };
  private rows = 0;
  /** the first error `onRow` threw: the rest of the copy is drained, then the query fails with it */
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly statement: string,
    private readonly onRow: (row: Buffer) => void,
  ) {
    this.done = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.statement);
  }

  handleCopyData(message: { readonly chunk: Buffer }): void {
    if (this.failure !== undefined) return;
    try {
      this.onRow(message.chunk);
    } catch (error) {
      this.failure = { error };
    }
  }

  handleCommandComplete(message: { readonly text?: string }): void {
    // `COPY 1234`
    this.rows = Number(message.text?.split(' ')[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (this.failure === undefined) this.settle.resolve(this.rows);
    else this.settle.reject(this.failure.error);
  }

  /** the server refused the statement or the connection failed: the client forgets this query */
  handleError(error: unknown): void {
    this.settle.reject(error);
  }

  /** a statement that turns out to be a COPY FROM is refused rather than left waiting for data */
  handleCopyInResponse(connection: Connection): void {
    (connection as unknown as CopyingConnection).sendCopyFail('expected a COPY TO STDOUT');
  }

  // a COPY TO returns its rows as CopyData; the other messages a query may receive carry nothing for it
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}
