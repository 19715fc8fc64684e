import * as E from 'fp-ts/Either';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { appendSampleLog } from '../testing/append-sample-log';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import type { RuntimeLogger } from './logger';
import type { Projection } from './projection';
import { startProjections, type ProjectionRunner } from './runner';
import {
  ledgerProjection,
  testProjections,
  ticketTalliesProjection,
  userVerificationsProjection,
  withHook,
} from './testing/test-projections';

const quietLogger = (): RuntimeLogger & { errors: string[] } => {
  const errors: string[] = [];
  return { errors, info: () => undefined, error: (message) => void errors.push(message) };
};

const headOf = async (store: EventStore): Promise<bigint> => {
  const head = await store.headPosition()();
  if (E.isLeft(head) || head.right === undefined) throw new Error('the log is empty');
  return head.right;
};

describe('the projection runner', () => {
  let db: TestDatabase;
  let store: EventStore;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    db = await openTestDatabase();
    store = createMemoryEventStore();
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await db.dispose();
  });

  const start = async (projections: ReadonlyArray<Projection>, logger = quietLogger()) => {
    runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections,
      batchSize: 50,
      logger,
      retryDelayMs: 10,
    });
    return runner;
  };
  const count = async (table: string) =>
    (await db.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  it('catches up from the start, then follows live appends', async () => {
    const appended = await appendSampleLog(store, { events: 300 });
    const running = await start(testProjections);
    const caughtUp = await running.waitForPosition('ledger', await headOf(store), 10_000)();
    expect(caughtUp).toEqual(E.right(BigInt(appended)));
    expect(await count('ledger')).toBe(appended);

    await appendSampleLog(store, { events: 100, seed: 2 });
    const head = await headOf(store);
    for (const projection of testProjections)
      expect(E.isRight(await running.waitForPosition(projection.name, head, 10_000)())).toBe(true);
    expect(await count('ledger')).toBe(Number(head));
    expect(running.status().map((s) => s.state)).toEqual(['live', 'live', 'live']);
  });

  it('moves a checkpoint past the events its projection does not read, so waiting on any position ends', async () => {
    const running = await start([ticketTalliesProjection, ledgerProjection]);
    await appendSampleLog(store, { events: 50 });
    const verified = await store.appendToStream('user-00000000-0000-4000-8000-0000000000ff', [
      {
        id: 'e-user',
        type: 'UserVerified',
        data: { user_id: '00000000-0000-4000-8000-0000000000ff' },
        metadata: sampleMetadata,
      },
    ])();
    if (E.isLeft(verified)) throw new Error('append failed');
    expect(
      await running.waitForPosition('ticket_tallies', verified.right.position, 10_000)(),
    ).toEqual(E.right(verified.right.position));
    // nothing to write for it: the stored checkpoint stays put (no transaction per foreign batch),
    // while the lag the running process reports knows it is caught up
    const stored = await db.client.query<{ position: string | null }>(
      `SELECT position::text FROM projection_checkpoints WHERE name = 'ticket_tallies'`,
    );
    expect(BigInt(stored.rows[0]!.position ?? '0')).toBeLessThan(verified.right.position);
    const lag = await running.lag();
    expect(E.isRight(lag) && lag.right.find((l) => l.name === 'ticket_tallies')).toMatchObject({
      checkpoint: verified.right.position,
      eventsBehind: 0,
    });
  });

  it('applies every event exactly once across a stop and a restart', async () => {
    await appendSampleLog(store, { events: 400 });
    const first = await start([ledgerProjection]);
    await first.waitForPosition('ledger', 120n, 10_000)();
    await first.stop();
    runner = undefined;
    await appendSampleLog(store, { events: 200, seed: 3 });

    const second = await start([ledgerProjection]);
    const head = await headOf(store);
    expect(E.isRight(await second.waitForPosition('ledger', head, 10_000)())).toBe(true);
    const { rows } = await db.client.query<{ n: number; low: string; high: string }>(
      'SELECT count(*)::int AS n, min(position)::text AS low, max(position)::text AS high FROM ledger',
    );
    // a primary key on position: a duplicate would have failed the batch; a hole would show here
    expect(rows[0]).toEqual({ n: Number(head), low: '1', high: head.toString() });
  });

  it('retries a failed batch from its checkpoint and loses nothing', async () => {
    let failures = 3;
    const flaky = withHook(ledgerProjection, async () => {
      if (failures-- > 0) throw new Error('connection reset');
    });
    const logger = quietLogger();
    await appendSampleLog(store, { events: 200 });
    const running = await start([flaky], logger);
    const head = await headOf(store);
    expect(E.isRight(await running.waitForPosition('ledger', head, 10_000)())).toBe(true);
    expect(await count('ledger')).toBe(Number(head));
    expect(logger.errors).toHaveLength(3);
    expect(logger.errors[0]).toContain('connection reset');
  });

  it('runs projections side by side: one that is stuck holds back none of the others', async () => {
    let stuck = true;
    // stuck by failing, not by holding a transaction open: PGlite's one session would serialise those
    const stalled = withHook(userVerificationsProjection, async () => {
      if (stuck) throw new Error('not yet');
    });
    await appendSampleLog(store, { events: 200 });
    const running = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections: [stalled, ledgerProjection, ticketTalliesProjection],
      batchSize: 50,
      logger: quietLogger(),
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
    });
    runner = running;
    const head = await headOf(store);

    expect(E.isRight(await running.waitForPosition('ticket_tallies', head, 10_000)())).toBe(true);
    expect(E.isRight(await running.waitForPosition('ledger', head, 10_000)())).toBe(true);
    const waited = await running.waitForPosition('user_verifications', head, 50)();
    expect(waited).toEqual(
      E.left({ kind: 'TimedOut', name: 'user_verifications', checkpoint: undefined }),
    );

    stuck = false;
    expect(E.isRight(await running.waitForPosition('user_verifications', head, 10_000)())).toBe(
      true,
    );
  });

  it('stops a projection at an event that does not decode, logs it, and never skips it', async () => {
    await appendSampleLog(store, { events: 60 });
    const before = await headOf(store);
    await store.appendToStream('ticket-00000000-0000-4000-8000-0000000000aa', [
      {
        id: 'e-bad',
        type: 'TicketStatusChanged',
        data: { ticket_id: 'not-a-uuid' },
        metadata: sampleMetadata,
      },
    ])();
    await appendSampleLog(store, { events: 30, seed: 4 });
    const logger = quietLogger();
    const running = await start([ticketTalliesProjection, userVerificationsProjection], logger);

    const waited = await running.waitForPosition('ticket_tallies', await headOf(store), 10_000)();
    expect(E.isLeft(waited) && waited.left.kind).toBe('ProjectionFailed');
    const tallies = running.status().find((s) => s.name === 'ticket_tallies')!;
    expect(tallies.state).toBe('failed');
    expect(tallies.checkpoint).toBe(before);
    expect(tallies.failure?.globalPosition).toBe(before + 1n);
    expect(logger.errors.join('\n')).toMatch(
      /ticket_tallies stopped: event e-bad \(TicketStatusChanged\) at position \d+ .*ticket_id/,
    );
    // the other projection reads no ticket stream and goes on to the head
    expect(
      E.isRight(await running.waitForPosition('user_verifications', await headOf(store), 10_000)()),
    ).toBe(true);
  });

  it('answers an unknown projection with an error value', async () => {
    const running = await start([ledgerProjection]);
    expect(await running.waitForPosition('nope', 1n, 10)()).toEqual(
      E.left({ kind: 'UnknownProjection', name: 'nope' }),
    );
  });
});

const sampleMetadata = {
  account_id: '00000000-0000-4000-8000-00000000a000',
  actor: { type: 'system', id: null },
  correlation_id: 'corr',
  causation_id: null,
  occurred_at: '2024-01-01T00:00:00.000Z',
  via: { channel: 'system', rel: null },
  schema_version: 1,
};
