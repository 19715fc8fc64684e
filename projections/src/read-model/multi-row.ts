import type { SqlSession } from '@helpdesk/event-store';
import type { BatchTarget } from '../runtime/projection';
import { binaryCopyRows, copiesInBinary } from './binary-copy';

/**
 * Multi-row statements: a batch of rows travels as one array per column and is expanded by
 * `unnest`, so a batch of any size is one statement and one round trip.
 */
export interface Column<Row> {
  readonly name: string;
  /** the PostgreSQL type of the array element the value travels as */
  readonly type: string;
  readonly value: (row: Row) => unknown;
  /** how the unnested value becomes the column's value, e.g. `collaborator_ids::uuid[]` */
  readonly select?: string;
}

export interface Statement {
  readonly text: string;
  readonly params: unknown[];
}

export const column = <Row>(
  name: string,
  type: string,
  value: (row: Row) => unknown,
  select?: string,
): Column<Row> => (select === undefined ? { name, type, value } : { name, type, value, select });

/** Types whose values need no quoting in an array literal: no comma, brace, quote or space. */
const unquotedTypes = new Set(['uuid', 'bigint', 'integer', 'boolean', 'timestamptz']);

/** A value of those types as they are written; anything else is quoted, and fails its cast loudly. */
const bareToken = /^[0-9A-Za-z:.+-]+$/;

const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * One column of a batch as a PostgreSQL array literal (`{a,b,NULL}`). Written here rather than by
 * the client's generic serializer: most values need no quoting, and this is the hot path of a rebuild.
 */
export const arrayLiteral = (type: string, values: ReadonlyArray<unknown>): string => {
  const bare = unquotedTypes.has(type);
  // one string grown in place: cheaper than an array of parts joined (a rebuild writes millions)
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) literal += ',';
    const value = values[i];
    if (value === null || value === undefined) literal += 'NULL';
    else {
      const text = typeof value === 'string' ? value : String(value);
      literal += bare && bareToken.test(text) ? text : quoted(text);
    }
  }
  return `${literal}}`;
};

/**
 * `ROWS FROM (unnest($1::uuid[]), ..., jsonb_array_elements($9::jsonb)) AS alias(a, ...)` with its
 * parameters: one array per column, zipped row by row. A `jsonb` column travels as one JSON
 * array (its values are plain values, not strings): no quoting in JavaScript, one parse in SQL.
 * A JSON null arrives as JSON `null`, not SQL NULL.
 */
export const unnestSource = <Row>(
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
  alias: string,
): Statement => ({
  text: `ROWS FROM (${columns
    .map((c, i) =>
      c.type === 'jsonb'
        ? `jsonb_array_elements($${i + 1}::jsonb)`
        : `unnest($${i + 1}::${c.type}[])`,
    )
    .join(', ')}) AS ${alias}(${columns.map((c) => c.name).join(', ')})`,
  params: columns.map((c) =>
    c.type === 'jsonb'
      ? JSON.stringify(rows.map(c.value))
      : arrayLiteral(c.type, rows.map(c.value)),
  ),
});

/** `INSERT INTO table (...) SELECT ... FROM source`, each column's `select` applied, then `suffix`. */
export const insertFrom = <Row>(
  table: string,
  columns: ReadonlyArray<Column<Row>>,
  source: string,
  suffix = '',
): string =>
  `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
      SELECT ${columns.map((c) => c.select ?? c.name).join(', ')} FROM ${source} ${suffix}`;

/** `INSERT INTO table (...) SELECT ... FROM unnest(...)`, then `suffix` (e.g. `ON CONFLICT ...`). */
export const insertRows = <Row>(
  table: string,
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
  suffix = '',
): Statement => {
  const source = unnestSource(columns, rows, 'r');
  return { text: insertFrom(table, columns, source.text, suffix), params: source.params };
};

/**
 * A list as one text value (`{a,b}`), for an array column of a multi-row statement (an array of
 * arrays cannot travel). Only for values that need no quoting: uuids, domain names.
 */
export const plainArrayLiteral = (values: ReadonlyArray<string>): string => `{${values.join(',')}}`;

/** Rows to append to a table, gathered one at a time and written at once. */
export interface RowsToAppend<Row> {
  readonly add: (row: Row) => void;
  /** writes the rows added, if any */
  readonly write: (session: SqlSession) => Promise<void>;
}

/**
 * Rows to append to a table: by COPY in its binary format where the target takes COPY (PostgreSQL
 * over `pg`) and every column has that format here (`copiesInBinary`), each row encoded as it is
 * added; else kept for one `insertRows`. COPY costs the server a third less than `insertRows`,
 * and the binary format less again (docs/performance.md, "Session 7" and "Session 9"). Only for
 * plain appends: COPY has no `ON CONFLICT`.
 */
export const rowsToAppend = <Row>(
  table: string,
  columns: ReadonlyArray<Column<Row>>,
  target: BatchTarget,
): RowsToAppend<Row> => {
  if (!target.copies || !copiesInBinary(columns)) {
    const rows: Row[] = [];
    return {
      add: (row) => void rows.push(row),
      write: async (session) => {
        if (rows.length === 0) return;
        const statement = insertRows(table, columns, rows);
        await session.query(statement.text, statement.params);
      },
    };
  }
  const copy = binaryCopyRows(columns);
  return {
    add: copy.add,
    write: async (session) => {
      if (copy.rows() === 0) return;
      if (session.copyFrom === undefined)
        throw new Error(
          `rows for ${table} were encoded for COPY, which this session does not take`,
        );
      await session.copyFrom(
        `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN (FORMAT binary)`,
        copy.done(),
      );
    },
  };
};

/** Appends rows to a table at once (`rowsToAppend`). */
export const appendRows = async <Row>(
  session: SqlSession,
  table: string,
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
): Promise<void> => {
  const append = rowsToAppend(table, columns, { copies: session.copyFrom !== undefined });
  for (const row of rows) append.add(row);
  await append.write(session);
};

/**
 * Rows put into `pg_temp.<name>`, a temporary table of the session's connection created when
 * missing and emptied by every commit, for a statement to read as a table (applying the columns'
 * `select`). By binary COPY where the session takes it: the server reads each value as its bytes,
 * where an array literal per column has it parse every value as text (`array_in` was a tenth of
 * its CPU in a rebuild; docs/performance.md, "Session 13"). Inside a transaction only.
 */
export const stageRows = async <Row>(
  session: SqlSession,
  name: string,
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
): Promise<string> => {
  const travelling = columns.map(({ name: column, type, value }) => ({
    name: column,
    type,
    value,
  }));
  await session.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}) ON COMMIT DELETE ROWS`,
  );
  await appendRows(session, `pg_temp.${name}`, travelling, rows);
  return `pg_temp.${name}`;
};

/** Runs the statements one after the other, skipping those with no rows. */
export const runAll = async (
  session: { query: (text: string, params?: unknown[]) => Promise<unknown> },
  statements: ReadonlyArray<Statement | undefined>,
): Promise<void> => {
  for (const statement of statements)
    if (statement !== undefined) await session.query(statement.text, statement.params);
};

/** A statement over rows, or nothing when there are none. */
export const whenAny = <Row>(
  rows: ReadonlyArray<Row>,
  build: (rows: ReadonlyArray<Row>) => Statement,
): Statement | undefined => (rows.length === 0 ? undefined : build(rows));
