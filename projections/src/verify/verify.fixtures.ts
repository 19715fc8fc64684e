/** What the verification's tests share (not a test file itself). */
import * as E from 'fp-ts/Either';
import {
  SchemaName,
  createChangeNotifier,
  createPostgresEventStore,
  migrate,
  openPgEventStore,
  type EventStore,
} from '@helpdesk/event-store';
import { appendChunks } from '../runtime/crash/realistic-log';
import type { ProjectedEvent } from '../runtime/projection';
import { rebuildReadModels } from '../runtime/rebuild/rebuild';
import type { TestDatabase } from '../testing/test-database';
import { ticketsProjection } from '../tickets/projection';

const json = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

export const ok = async <L, A>(task: Promise<E.Either<L, A>> | E.Either<L, A>): Promise<A> => {
  const result = await task;
  if (E.isLeft(result)) throw new Error(json(result.left));
  return result.right;
};

/** A PostgreSQL event store beside the test's read models: in the same PGlite, or on the same server. */
export const storeBeside = async (db: TestDatabase): Promise<EventStore> => {
  const schema = await ok(SchemaName.decode(`${db.schema}_es`));
  const url = process.env['DATABASE_URL'];
  if (db.engine === 'postgres' && url !== undefined)
    return openPgEventStore({ connectionString: url, schema, pollIntervalMs: 200 });
  await migrate(db.client, schema);
  return createPostgresEventStore({ client: db.client, schema, changes: createChangeNotifier() });
};

/** Appends the log, numbered as it is, then builds the tickets read model from the store. */
export const appendAndProject = async (
  db: TestDatabase,
  store: EventStore,
  log: ReadonlyArray<ProjectedEvent>,
): Promise<void> => {
  for (const chunk of appendChunks(log)) {
    const failed = (await store.appendMany(chunk)()).find(E.isLeft);
    if (failed !== undefined) throw new Error(json(failed.left));
  }
  await ok(
    rebuildReadModels({
      store,
      client: db.client,
      schema: db.schema,
      projections: [ticketsProjection],
      batchSize: 10_000,
    }),
  );
};

/** The log's ticket events, by ticket id, in stream order. */
export const eventsByTicket = (
  log: ReadonlyArray<ProjectedEvent>,
): ReadonlyMap<string, ReadonlyArray<ProjectedEvent>> => {
  const byTicket = new Map<string, ProjectedEvent[]>();
  for (const event of log) {
    if (!event.streamName.startsWith('ticket-')) continue;
    const id = event.streamName.slice('ticket-'.length);
    const events = byTicket.get(id) ?? [];
    events.push(event);
    byTicket.set(id, events);
  }
  return byTicket;
};
