import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { CopyFrom } from './copy-from';
import { CopyTo } from './copy-to';

/** Runs SQL: one statement with `$n` parameters, or a script of several statements without any. */
export interface SqlSession {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(script: string): Promise<unknown>;
  /**
   * `COPY <table> (<columns>) FROM STDIN …` with `data` in the format the statement names, whole
   * or in pieces (cut anywhere); resolves to the rows copied. Absent where the client has no COPY
   * (PGlite): callers then insert their rows.
   */
  copyFrom?(statement: string, data: Uint8Array | ReadonlyArray<Uint8Array>): Promise<number>;
  /**
   * The rows of `query` as a binary COPY (`COPY (query) TO … (FORMAT binary)`): `onBytes` receives
   * them in whole rows, as they come (a view valid only during the call): from a server one row a
   * call, the first with the header; from PGlite the whole copy at once. Resolves to the rows
   * copied, or fails with what `onBytes` threw.
   */
  copyOut?(query: string, onBytes: (bytes: Buffer) => void): Promise<number>;
}

/**
 * The one SQL client the store talks to. PGlite implements it as it is; a `pg.Pool` through
 * `poolClient`. Every append and read is a single statement, so only migrations need `transaction`.
 */
export interface SqlClient extends SqlSession {
  transaction<A>(work: (session: SqlSession) => Promise<A>): Promise<A>;
}

const binaryCopyOf = (query: string) => `COPY (${query}) TO STDOUT (FORMAT binary)`;

/** Texts named at most; beyond them, statements run unnamed as before. */
const maxNamedStatements = 1000;
/** uses of a text before it is named: a text built for one call never is */
const usesBeforeNaming = 3;

/** names are unique in the process: two clients of one pool never give one name two texts */
let statementsNamed = 0;

/**
 * Names for the statements of a pool, by text. A named statement is parsed and analysed once per
 * connection, then each run only binds its parameters: under `pnpm bench api` PostgreSQL used a
 * fifth less CPU per requester change (docs/performance.md, "Session 5"). Only a text that comes
 * back is named, and at most `maxNamedStatements` of them, so that no connection fills with
 * statements used once. PostgreSQL re-analyses a named statement itself when a table it reads is
 * replaced (a rebuild's swap) or `search_path` changes.
 */
const statementNames = () => {
  const names = new Map<string, string>();
  let uses = new Map<string, number>();
  return (text: string): string | undefined => {
    const name = names.get(text);
    if (name !== undefined || names.size >= maxNamedStatements) return name;
    const used = (uses.get(text) ?? 0) + 1;
    if (used < usesBeforeNaming) {
      // texts that never come back are forgotten in bulk
      if (uses.size >= 10 * maxNamedStatements) uses = new Map();
      uses.set(text, used);
      return undefined;
    }
    uses.delete(text);
    const named = `helpdesk_${statementsNamed++}`;
    names.set(text, named);
    return named;
  };
};

/** Runs a statement with parameters as a named one once its text has come back. */
const runNamed =
  (
    queryable: Pool | PoolClient,
    nameOf: (text: string) => string | undefined,
  ): SqlSession['query'] =>
  <Row>(text: string, params?: unknown[]) => {
    const name = params === undefined ? undefined : nameOf(text);
    return name === undefined
      ? queryable.query<Row & QueryResultRow>(text, params)
      : queryable.query<Row & QueryResultRow>({ name, text, values: params });
  };

/**
 * A session inside a transaction whose BEGIN travels with its first statement when that is a
 * script (`exec`, the simple protocol takes several statements at once): one round trip less per
 * transaction, which the projectors of a busy process feel.
 */
const transactionSession = (
  connection: PoolClient,
  nameOf: (text: string) => string | undefined,
) => {
  let begun = false;
  const run = runNamed(connection, nameOf);
  const session: SqlSession = {
    query: async <Row>(text: string, params?: unknown[]) => {
      if (!begun) {
        begun = true;
        await connection.query('BEGIN');
      }
      return run<Row>(text, params);
    },
    exec: (script) => {
      if (begun) return connection.query(script);
      begun = true;
      return connection.query(`BEGIN; ${script}`);
    },
    copyFrom: async (statement, data) => {
      if (!begun) {
        begun = true;
        await connection.query('BEGIN');
      }
      return connection.query(new CopyFrom(statement, data)).done;
    },
    copyOut: async (query, onBytes) => {
      if (!begun) {
        begun = true;
        await connection.query('BEGIN');
      }
      return connection.query(new CopyTo(binaryCopyOf(query), onBytes)).done;
    },
  };
  return { session, begun: () => begun };
};

/**
 * A connection of the pool, for a COPY or a transaction. Lost while checked out, `pg` emits 'error'
 * on it, which nobody would hear: the process would die of an unhandled event. The loss is noted
 * instead (the statement under way fails on its own), and the connection is given back as broken,
 * so that the pool never hands it out again.
 */
const borrow = async (pool: Pool) => {
  const connection = await pool.connect();
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost = error;
  };
  connection.on('error', onLost);
  return {
    connection,
    giveBack: (broken?: Error) => {
      connection.removeListener('error', onLost);
      connection.release(broken ?? lost);
    },
  };
};

export const poolClient = (pool: Pool): SqlClient => {
  const nameOf = statementNames();
  return {
    query: runNamed(pool, nameOf),
    exec: (script) => pool.query(script),
    copyFrom: async (statement, data) => {
      const { connection, giveBack } = await borrow(pool);
      try {
        const rows = await connection.query(new CopyFrom(statement, data)).done;
        giveBack();
        return rows;
      } catch (error) {
        giveBack(new Error('the copy failed', { cause: error }));
        throw error;
      }
    },
    copyOut: async (query, onBytes) => {
      const { connection, giveBack } = await borrow(pool);
      let refusedByReader = false;
      const read = (bytes: Buffer) => {
        try {
          onBytes(bytes);
        } catch (error) {
          refusedByReader = true;
          throw error;
        }
      };
      try {
        const rows = await connection.query(new CopyTo(binaryCopyOf(query), read)).done;
        giveBack();
        return rows;
      } catch (error) {
        // the reader's refusal leaves the copy drained and the connection sound; any other failure
        // (the server's, the connection's) may not have
        giveBack(refusedByReader ? undefined : new Error('the copy failed', { cause: error }));
        throw error;
      }
    },
    transaction: async <A>(work: (session: SqlSession) => Promise<A>): Promise<A> => {
      const { connection, giveBack } = await borrow(pool);
      const transaction = transactionSession(connection, nameOf);
      let result: A;
      try {
        result = await work(transaction.session);
        // a transaction that ran no statement has nothing to commit
        if (transaction.begun()) await connection.query('COMMIT');
      } catch (error) {
        // a connection that cannot even roll back is broken: the pool must not hand it out again
        const broken = transaction.begun()
          ? await connection.query('ROLLBACK').then(
              () => undefined,
              (rollbackError: unknown) => rollbackError,
            )
          : undefined;
        giveBack(broken instanceof Error ? broken : undefined);
        throw error;
      }
      giveBack();
      return result;
    },
  };
};
