import type { SqlSession } from '@helpdesk/event-store';
import { dumpTables } from '../testing/test-projections';

export interface ReadModelDump {
  readonly tables: Record<string, unknown[]>;
  readonly checkpoints: ReadonlyArray<{ readonly name: string; readonly position: string | null }>;
}

/** Every row of the tables, ordered, and every checkpoint of the schema. */
export const dumpReadModels = async (
  session: SqlSession,
  schema: string,
  tables: ReadonlyArray<string>,
): Promise<ReadModelDump> => ({
  tables: await dumpTables(session, schema, tables),
  checkpoints: (
    await session.query<{ name: string; position: string | null }>(
      `SELECT name, position::text AS position FROM ${schema}.projection_checkpoints ORDER BY name`,
    )
  ).rows,
});

/**
 * Where two dumps differ, table by table, with at most the first row that does: a diff of
 * 100,000 rows would take a test runner minutes to print.
 */
export const differences = (actual: ReadModelDump, expected: ReadModelDump): string[] => {
  const found: string[] = [];
  const names = new Set([...Object.keys(actual.tables), ...Object.keys(expected.tables)]);
  for (const name of names) {
    const a = (actual.tables[name] ?? []).map((row) => JSON.stringify(row));
    const b = (expected.tables[name] ?? []).map((row) => JSON.stringify(row));
    const at = a.findIndex((row, i) => row !== b[i]);
    if (a.length !== b.length || at !== -1)
      found.push(
        `${name}: ${a.length} rows, expected ${b.length}; first difference at row ${at}: ${a[at]} instead of ${b[at]}`,
      );
  }
  const [a, b] = [JSON.stringify(actual.checkpoints), JSON.stringify(expected.checkpoints)];
  if (a !== b) found.push(`checkpoints: ${a}, expected ${b}`);
  return found;
};

export const rowCount = (dump: ReadModelDump): number =>
  Object.values(dump.tables).reduce((sum, rows) => sum + rows.length, 0);
