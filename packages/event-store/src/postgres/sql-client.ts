import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Runs SQL: one statement with `$n` parameters, or a script of several statements without any. */
export interface SqlSession {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(script: string): Promise<unknown>;
}

/**
 * The one SQL client the store talks to. PGlite implements it as it is; a `pg.Pool` through
 * `poolClient`. Every append and read is a single statement, so only migrations need `transaction`.
 */
export interface SqlClient extends SqlSession {
  transaction<A>(work: (session: SqlSession) => Promise<A>): Promise<A>;
}

/**
 * A session inside a transaction whose BEGIN travels with its first statement when that is a
 * script (`exec`, the simple protocol takes several statements at once): one round trip less per
 * transaction, which the projectors of a busy process feel.
 */
const transactionSession = (connection: PoolClient) => {
  let begun = false;
  const session: SqlSession = {
    query: async <Row>(text: string, params?: unknown[]) => {
      if (!begun) {
        begun = true;
        await connection.query('BEGIN');
      }
      return connection.query<Row & QueryResultRow>(text, params);
    },
    exec: (script) => {
      if (begun) return connection.query(script);
      begun = true;
      return connection.query(`BEGIN; ${script}`);
    },
  };
  return { session, begun: () => begun };
};

export const poolClient = (pool: Pool): SqlClient => ({
  query: <Row>(text: string, params?: unknown[]) => pool.query<Row & QueryResultRow>(text, params),
  exec: (script) => pool.query(script),
  transaction: async <A>(work: (session: SqlSession) => Promise<A>): Promise<A> => {
    const connection = await pool.connect();
    const transaction = transactionSession(connection);
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
      connection.release(broken instanceof Error ? broken : undefined);
      throw error;
    }
    connection.release();
    return result;
  },
});
