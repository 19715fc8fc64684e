import { openTestDatabase, type TestDatabase } from './test-database';

describe('a test database', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    first = await openTestDatabase();
    second = await openTestDatabase();
  });

  afterAll(async () => {
    await first.dispose();
    await second.dispose();
  });

  it('resolves unqualified names in its own schema, apart from every other test', async () => {
    await first.client.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    await second.client.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    await first.client.query('INSERT INTO notes VALUES ($1, $2)', [1, 'first']);
    await second.client.query('INSERT INTO notes VALUES ($1, $2)', [1, 'second']);

    expect((await first.client.query('SELECT body FROM notes')).rows).toEqual([{ body: 'first' }]);
    expect((await second.client.query('SELECT body FROM notes')).rows).toEqual([
      { body: 'second' },
    ]);
    expect(first.schema).not.toEqual(second.schema);
  });

  it('gives rows of this realm: dates are Dates, JSON is plain objects', async () => {
    const { rows } = await first.client.query<{ at: Date; doc: unknown }>(
      `SELECT $1::timestamptz AS at, '{"a":[1,2]}'::jsonb AS doc`,
      [new Date('2024-05-01T10:00:00Z')],
    );
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(rows[0]!.at.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(rows).toStrictEqual([{ at: new Date('2024-05-01T10:00:00Z'), doc: { a: [1, 2] } }]);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      first.client.transaction(async (session) => {
        await session.query('INSERT INTO notes VALUES ($1, $2)', [2, 'lost']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await first.client.query('SELECT id FROM notes ORDER BY id')).rows).toEqual([
      { id: 1 },
    ]);
  });

  it('drops its schema, and every schema named after it, when disposed', async () => {
    const third = await openTestDatabase();
    await third.client.exec(`CREATE SCHEMA ${third.schema}_rebuild; CREATE TABLE t (x int)`);
    await third.dispose();
    const { rows } = await first.client.query<{ n: string | number }>(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [third.schema],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
