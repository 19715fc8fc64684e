import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import pino from 'pino';
import {
  eventually,
  openDeskOn,
  requestMerge,
  succeed,
  uuidGenerator,
  type AppError,
  type Caller,
  type Outbox,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import {
  SchemaName,
  createChangeNotifier,
  createPostgresEventStore,
  migrate,
  openPgEventStore,
  type EventStore,
  type RecordedEvent,
} from '@helpdesk/event-store';
import {
  countTicketsRequestedBy,
  findUserMerge,
  type Projection,
  type UserMergeView,
} from '@helpdesk/projections';
import {
  openTestDatabase,
  type TestDatabase,
} from '@helpdesk/projections/src/testing/test-database';
import { startWorker, type ProcessName, type Worker } from '../start-worker';

const schemaName = (name: string): SchemaName => {
  const decoded = SchemaName.decode(name);
  if (E.isLeft(decoded)) throw new Error(`bad schema name ${name}`);
  return decoded.right;
};

/**
 * An event store beside the test's read-model database: in the same PGlite (a schema of its
 * own, through the test database's client), or on the same server.
 */
export const openStoreBeside = async (db: TestDatabase): Promise<EventStore> => {
  const schema = schemaName(`${db.schema}_es`);
  const url = process.env['DATABASE_URL'];
  if (db.engine === 'postgres' && url !== undefined)
    return openPgEventStore({ connectionString: url, schema, pollIntervalMs: 200 });
  await migrate(db.client, schema);
  return createPostgresEventStore({
    client: db.client,
    schema,
    changes: createChangeNotifier(),
    groupCommit: { maxCallsInFlight: 1 },
  });
};

export interface HarnessOptions {
  readonly pageSize?: number;
  readonly processes?: ReadonlyArray<ProcessName>;
  /** all of them when absent */
  readonly projections?: ReadonlyArray<Projection>;
  /** where the trigger process queues its mails; the PostgreSQL outbox when absent */
  readonly outbox?: Outbox;
}

/** Log lines of the worker, parsed, for tests that look at what it reported. */
const capturedLogs = () => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
};

/**
 * A worker on a fresh event store and read-model database (PGlite, or PostgreSQL when
 * `DATABASE_URL` is set), with a help desk to act on it through the use cases.
 */
export const openHarness = async (options: HarnessOptions = {}) => {
  const db = await openTestDatabase();
  const store = await openStoreBeside(db);
  const logs = capturedLogs();
  let worker: Worker | undefined = await startWorker({
    store,
    client: db.client,
    schema: db.schema,
    processSchema: `${db.schema}_pm`,
    outboxSchema: `${db.schema}_outbox`,
    logger: logs.logger,
    pageSize: options.pageSize ?? 100,
    retryDelayMs: 20,
    ...(options.processes === undefined ? {} : { processes: options.processes }),
    ...(options.projections === undefined ? {} : { projections: options.projections }),
    ...(options.outbox === undefined ? {} : { outbox: options.outbox }),
  });
  const desk = await openDeskOn(store, { ids: uuidGenerator, plan: 'enterprise' });

  const headPosition = async (): Promise<bigint> => {
    const head = await store.headPosition()();
    if (E.isLeft(head) || head.right === undefined) throw new Error('the log is empty');
    return head.right;
  };

  /** waits until a read model has taken in everything appended so far */
  const caughtUp = async (name = 'tickets') => {
    const result = await worker!.projections.waitForPosition(name, await headPosition(), 30_000)();
    if (E.isLeft(result)) throw new Error(`${name} did not catch up: ${result.left.kind}`);
  };

  /** R3.3 counts from the tickets read model, once it has seen every ticket created so far */
  const ticketCounts = {
    countRequested: (accountId: Uuid, userId: Uuid): TE.TaskEither<AppError, number> =>
      pipe(
        TE.tryCatch(
          () => caughtUp(),
          (cause): AppError => ({ kind: 'StoreUnavailable', message: String(cause) }),
        ),
        TE.chain(() =>
          pipe(
            countTicketsRequestedBy(db.client, accountId, userId),
            TE.mapLeft((e): AppError => ({ kind: 'StoreUnavailable', message: e.message })),
          ),
        ),
      ),
  };

  const merge = (sourceId: Uuid, targetId: Uuid, caller: Caller = desk.owner()) =>
    requestMerge(desk.deps, ticketCounts, caller, sourceId, targetId);

  const job = async (mergeId: Uuid): Promise<UserMergeView | undefined> => {
    const found = await findUserMerge(db.client, desk.opened.accountId, mergeId)();
    return E.isRight(found) && found.right._tag === 'Some' ? found.right.value : undefined;
  };

  /** the merge's job status, once the read model says it completed */
  const completed = (mergeId: Uuid, timeoutMs = 30_000) =>
    eventually(
      `merge ${mergeId} to complete`,
      async () => {
        const status = await job(mergeId);
        return status?.status === 'completed' ? status : undefined;
      },
      timeoutMs,
      20,
    );

  const readStream = async (name: string): Promise<ReadonlyArray<RecordedEvent>> => {
    const result = await store.readStream(name)();
    return E.isRight(result) ? result.right : [];
  };

  const sql = async <Row>(text: string, params: unknown[] = []): Promise<Row[]> =>
    (await db.client.query<Row>(text, params)).rows;

  return {
    db,
    store,
    desk,
    logs: logs.lines,
    worker: () => worker!,
    caughtUp,
    merge,
    job,
    completed,
    readStream,
    sql,
    headPosition,
    succeed,
    /** stops the worker and starts another on the same databases, as a restart would */
    restart: async () => {
      await worker?.stop();
      worker = await startWorker({
        store,
        client: db.client,
        schema: db.schema,
        processSchema: `${db.schema}_pm`,
        outboxSchema: `${db.schema}_outbox`,
        logger: logs.logger,
        pageSize: options.pageSize ?? 100,
        retryDelayMs: 20,
        ...(options.outbox === undefined ? {} : { outbox: options.outbox }),
      });
    },
    dispose: async () => {
      await worker?.stop();
      worker = undefined;
      await store.close();
      await db.dispose();
    },
  };
};

export type Harness = Awaited<ReturnType<typeof openHarness>>;
