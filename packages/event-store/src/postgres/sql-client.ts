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

const sessionOf = (connection: PoolClient): SqlSession => ({
  query: <Row>(text: string, params?: unknown[]) =>
    connection.query<Row & QueryResultRow>(text, params),
  exec: (script) => connection.query(script),
});

export const poolClient = (pool: Pool): SqlClient => ({
  query: <Row>(text: string, params?: unknown[]) => pool.query<Row & QueryResultRow>(text, params),
  exec: (script) => pool.query(script),
  transaction: async <A>(work: (session: SqlSession) => Promise<A>): Promise<A> => {
    const connection = await pool.connect();
    let result: A;
    try {
      await connection.query('BEGIN');
      result = await work(sessionOf(connection));
      await connection.query('COMMIT');
    } catch (error) {
      // a connection that cannot even roll back is broken: the pool must not hand it out again
      const broken = await connection.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => rollbackError,
      );
      connection.release(broken instanceof Error ? broken : undefined);
      throw error;
    }
    connection.release();
    return result;
  },
});
