import {
  openTestDatabase,
  type TestDatabase,
} from '@helpdesk/projections/src/testing/test-database';
import { installApiTables, keyRetentionSeconds, sqlIdempotencyStore } from './sql-store';

/** Idempotency keys kept in SQL: on PGlite, or on PostgreSQL when `DATABASE_URL` is set. */
describe('idempotency keys in SQL', () => {
  let db: TestDatabase;
  let schema: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    schema = `${db.schema}_api`;
    await installApiTables(db.client, schema);
  });
  afterAll(() => db.dispose());

  /** moves a key's first use back in time, as if it had been made `seconds` ago */
  const age = (key: string, seconds: number) =>
    db.client.query(
      `UPDATE ${schema}.idempotency_keys SET created_at = now() - make_interval(secs => $2)
       WHERE key = $1`,
      [key, seconds],
    );

  const answer = { status: 201, body: { user: { id: 'u1' } }, etag: '"0"' };

  it('replays the first answer to a repeat within the retention', async () => {
    const store = sqlIdempotencyStore(db.client, schema);
    expect(await store.begin('caller', 'k-replay', 'f1')).toEqual({ kind: 'started' });
    await store.complete('caller', 'k-replay', answer);
    await age('k-replay', keyRetentionSeconds - 60);
    expect(await store.begin('caller', 'k-replay', 'f1')).toEqual({
      kind: 'replay',
      response: answer,
    });
    expect(await store.begin('caller', 'k-replay', 'f2')).toEqual({ kind: 'mismatch' });
  });

  it('frees a key past its retention: the next request with it runs, whatever its body', async () => {
    const store = sqlIdempotencyStore(db.client, schema);
    await store.begin('caller', 'k-expired', 'f1');
    await store.complete('caller', 'k-expired', answer);
    await age('k-expired', keyRetentionSeconds + 60);
    expect(await store.begin('caller', 'k-expired', 'f2')).toEqual({ kind: 'started' });
    // taken over afresh: no answer of the first request is left to replay
    expect(await store.begin('caller', 'k-expired', 'f2')).toEqual({ kind: 'in_flight' });
  });

  it('purges the keys past their retention and keeps the others', async () => {
    const store = sqlIdempotencyStore(db.client, schema);
    for (const key of ['p-old-1', 'p-old-2', 'p-young']) {
      await store.begin('purge', key, 'f');
      await store.complete('purge', key, answer);
    }
    await age('p-old-1', keyRetentionSeconds + 1);
    await age('p-old-2', keyRetentionSeconds * 2);
    expect(await store.purgeExpired()).toBe(2);
    const { rows } = await db.client.query<{ key: string }>(
      `SELECT key FROM ${schema}.idempotency_keys WHERE scope = 'purge' ORDER BY key`,
    );
    expect(rows.map((row) => row.key)).toEqual(['p-young']);
  });

  it('purges on its own with the first request a new store sees', async () => {
    await sqlIdempotencyStore(db.client, schema).begin('auto', 'a-old', 'f');
    await age('a-old', keyRetentionSeconds + 1);
    await sqlIdempotencyStore(db.client, schema).begin('auto', 'a-new', 'f');
    const { rows } = await db.client.query<{ key: string }>(
      `SELECT key FROM ${schema}.idempotency_keys WHERE scope = 'auto' ORDER BY key`,
    );
    expect(rows.map((row) => row.key)).toEqual(['a-new']);
  });
});
