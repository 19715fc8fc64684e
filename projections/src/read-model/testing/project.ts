import type { SqlSession } from '@helpdesk/event-store';
import type { Projection, ProjectedEvent } from '../../runtime/projection';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';

const reads = (projection: Projection, event: ProjectedEvent): boolean =>
  projection.filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix));

/**
 * Creates the projections' tables in a fresh test database and applies the log to each, in
 * transactions of `batchSize` events of the ones it reads, as the runtime does.
 */
export const projectInto = async (
  db: TestDatabase,
  projections: ReadonlyArray<Projection>,
  events: ReadonlyArray<ProjectedEvent>,
  batchSize = 500,
): Promise<void> => {
  for (const projection of projections) {
    await db.client.exec(projection.schema);
    if (projection.views !== undefined) await db.client.exec(projection.views);
    const read = events.filter((event) => reads(projection, event));
    for (let start = 0; start < read.length; start += batchSize) {
      const batch = read.slice(start, start + batchSize);
      await db.client.transaction((session) => projection.apply(session, batch));
    }
  }
};

/** A fresh database holding the projections of the log. */
export const projected = async (
  projections: ReadonlyArray<Projection>,
  events: ReadonlyArray<ProjectedEvent>,
  batchSize?: number,
): Promise<TestDatabase> => {
  const db = await openTestDatabase();
  await projectInto(db, projections, events, batchSize);
  return db;
};

/** Every row of a table, in a stable order, to compare two projections of one log. */
export const tableRows = async (
  session: SqlSession,
  table: string,
  orderBy: string,
): Promise<ReadonlyArray<unknown>> =>
  (await session.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`)).rows;

/** Unwraps a query's result in a test: a read-model error fails the test with its message. */
export const ok = async <A>(
  task: () => Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>,
): Promise<A> => {
  const result = await task();
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
};
