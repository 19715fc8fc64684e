import { Pool } from 'pg';
import { poolClient, type SqlClient } from './sql-client';
import { freshSchemaName } from './testing/fresh-schema';
import { describeOnServer } from './testing/server-url';

/** What `poolClient` hands the driver: a text with its parameters, or a named statement. */
type Sent = { readonly name?: string; readonly text: string };

/** A `pg` pool that answers nothing and notes what it was sent, on the pool or on a connection. */
const notingPool = () => {
  const sent: Sent[] = [];
  const query = (config: string | { name: string; text: string }) => {
    sent.push(
      typeof config === 'string' ? { text: config } : { name: config.name, text: config.text },
    );
    return Promise.resolve({ rows: [] });
  };
  const connection = {
    query,
    release: () => undefined,
    on: () => undefined,
    removeListener: () => undefined,
  };
  const pool = { query, connect: () => Promise.resolve(connection) };
  return { pool: pool as unknown as Pool, client: poolClient(pool as unknown as Pool), sent };
};

describe('poolClient: which statements are named', () => {
  it('names a text with parameters from its third use on, the same name each time', async () => {
    const { client, sent } = notingPool();
    for (let run = 0; run < 4; run += 1) await client.query('SELECT $1::int', [run]);
    const [first, second, third, fourth] = sent.map((s) => s.name);
    expect([first, second]).toEqual([undefined, undefined]);
    expect(third).toMatch(/^helpdesk_\d+$/);
    expect(fourth).toBe(third);
  });

  it('never names a statement without parameters, nor a script', async () => {
    const { client, sent } = notingPool();
    for (let run = 0; run < 4; run += 1) {
      await client.query('SELECT 1');
      await client.exec('SELECT 1; SELECT 2');
    }
    expect(sent.every((s) => s.name === undefined)).toBe(true);
  });

  it('uses in a transaction and outside count alike, and share the name', async () => {
    const { client, sent } = notingPool();
    await client.query('SELECT $1::int', [1]);
    await client.transaction(async (session) => {
      await session.query('SELECT $1::int', [2]);
      await session.query('SELECT $1::int', [3]);
    });
    await client.query('SELECT $1::int', [4]);
    const names = sent.filter((s) => s.text === 'SELECT $1::int').map((s) => s.name);
    expect(names.slice(0, 2)).toEqual([undefined, undefined]);
    expect(names[2]).toMatch(/^helpdesk_\d+$/);
    expect(names[3]).toBe(names[2]);
  });

  it('gives two clients of one pool different names, so neither prepares over the other', async () => {
    const { pool, client, sent } = notingPool();
    const other = poolClient(pool);
    for (let run = 0; run < 3; run += 1) {
      await client.query('SELECT $1::int', [run]);
      await other.query('SELECT $1::text', [run]);
    }
    const [mine, theirs] = [sent[4]!, sent[5]!];
    expect([mine.text, theirs.text]).toEqual(['SELECT $1::int', 'SELECT $1::text']);
    expect(mine.name).toMatch(/^helpdesk_\d+$/);
    expect(theirs.name).toMatch(/^helpdesk_\d+$/);
    expect(theirs.name).not.toBe(mine.name);
  });

  it('names at most 1,000 texts: the others run unnamed however often they come', async () => {
    const { client, sent } = notingPool();
    for (let text = 0; text < 1001; text += 1)
      for (let run = 0; run < 3; run += 1) await client.query(`SELECT $1::int + ${text}`, [run]);
    const names = new Set(sent.flatMap((s) => (s.name === undefined ? [] : [s.name])));
    expect(names.size).toBe(1000);
    expect(sent.filter((s) => s.text === 'SELECT $1::int + 1000').every((s) => !s.name)).toBe(true);
  });
});

/**
 * Before each test, a pool of one connection (every statement meets the statements it prepared)
 * and a fresh schema holding `notes (id int PRIMARY KEY, body text)` with `rows`; both gone after.
 */
const notesOnServer = (url: string, rows: string) => {
  const current = {
    pool: undefined as unknown as Pool,
    client: undefined as unknown as SqlClient,
    schema: '',
  };
  beforeEach(async () => {
    current.pool = new Pool({ connectionString: url, max: 1 });
    current.client = poolClient(current.pool);
    current.schema = freshSchemaName();
    await current.client.exec(
      `CREATE SCHEMA ${current.schema}; CREATE TABLE ${current.schema}.notes (id int PRIMARY KEY, body text);
       ${rows === '' ? '' : `INSERT INTO ${current.schema}.notes VALUES ${rows}`}`,
    );
  });
  afterEach(async () => {
    await current.client.exec(`DROP SCHEMA IF EXISTS ${current.schema} CASCADE`);
    await current.pool.end();
  });
  return current;
};

// what PostgreSQL does with the named statements: PGlite answers SqlClient itself, without `pg`
describeOnServer('poolClient: statements that come back run as named statements', (url) => {
  const notes = notesOnServer(url, `(1, 'first'), (2, 'second')`);

  const prepared = async () =>
    (
      await notes.client.query<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements ORDER BY statement',
      )
    ).rows.map((row) => row.statement);

  it('names a text from its third run on, and answers the same as before', async () => {
    const text = `SELECT body FROM ${notes.schema}.notes WHERE id = $1`;
    const bodies: string[] = [];
    for (let run = 0; run < 5; run += 1)
      bodies.push(
        (await notes.client.query<{ body: string }>(text, [1 + (run % 2)])).rows[0]!.body,
      );
    expect(bodies).toEqual(['first', 'second', 'first', 'second', 'first']);
    expect(await prepared()).toContain(text);
  });

  it('leaves a text run once or twice unnamed, and one without parameters', async () => {
    const twice = `SELECT count(*) FROM ${notes.schema}.notes WHERE id > $1`;
    await notes.client.query(twice, [0]);
    await notes.client.query(twice, [0]);
    const plain = `SELECT count(*) FROM ${notes.schema}.notes`;
    for (let run = 0; run < 4; run += 1) await notes.client.query(plain);
    const statements = await prepared();
    expect(statements).not.toContain(twice);
    expect(statements).not.toContain(plain);
  });

  it('reads the table that replaced the one it was prepared on (a rebuild swaps tables)', async () => {
    const text = `SELECT body FROM ${notes.schema}.notes WHERE id = $1`;
    for (let run = 0; run < 3; run += 1) await notes.client.query(text, [1]);
    await notes.client.transaction(async (session) => {
      await session.exec(
        `CREATE TABLE ${notes.schema}.rebuilt (id int PRIMARY KEY, body text, extra int);
         INSERT INTO ${notes.schema}.rebuilt VALUES (1, 'rebuilt', 0);
         ALTER TABLE ${notes.schema}.notes RENAME TO old_notes;
         ALTER TABLE ${notes.schema}.rebuilt RENAME TO notes`,
      );
    });
    expect((await notes.client.query<{ body: string }>(text, [1])).rows).toEqual([
      { body: 'rebuilt' },
    ]);
  });

  it('resolves unqualified names by the search_path of each transaction', async () => {
    const other = freshSchemaName();
    await notes.client.exec(
      `CREATE SCHEMA ${other}; CREATE TABLE ${other}.notes (id int PRIMARY KEY, body text);
       INSERT INTO ${other}.notes VALUES (1, 'elsewhere')`,
    );
    try {
      const read = (path: string) =>
        notes.client.transaction(async (session) => {
          await session.exec(`SET LOCAL search_path TO ${path}`);
          return (
            await session.query<{ body: string }>('SELECT body FROM notes WHERE id = $1', [1])
          ).rows[0]!.body;
        });
      const bodies = [];
      for (const path of [notes.schema, notes.schema, notes.schema, other, notes.schema, other])
        bodies.push(await read(path));
      expect(bodies).toEqual(['first', 'first', 'first', 'elsewhere', 'first', 'elsewhere']);
    } finally {
      await notes.client.exec(`DROP SCHEMA ${other} CASCADE`);
    }
  });
});

describeOnServer('poolClient: a binary COPY out, and a connection lost under it', (url) => {
  let pool: Pool;
  let client: SqlClient;
  /** one connection: a statement after a COPY meets the connection the COPY used */
  beforeEach(() => {
    pool = new Pool({ connectionString: url, max: 1 });
    client = poolClient(pool);
  });
  afterEach(() => pool.end());

  const backendPid = async () =>
    (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

  it('hands the rows over one at a time as they come, the first with the header', async () => {
    const rows: Buffer[] = [];
    const copied = await client.copyOut!('SELECT g FROM generate_series(1, 300) g', (bytes) =>
      rows.push(Buffer.from(bytes)),
    );
    expect(copied).toBe(300);
    // 300 rows, the header riding on the first, the trailer alone at the end
    expect(rows).toHaveLength(301);
    expect(rows[0]!.subarray(0, 6).toString('latin1')).toBe('PGCOPY');
    expect(rows[300]!.readInt16BE(0)).toBe(-1);
  });

  it('fails with what the reader threw, reads nothing more, and leaves the connection usable', async () => {
    const pid = await backendPid();
    let calls = 0;
    const copy = client.copyOut!('SELECT g FROM generate_series(1, 300) g', () => {
      calls += 1;
      if (calls === 3) throw new Error('the third row is refused');
    });
    await expect(copy).rejects.toThrow('the third row is refused');
    expect(calls).toBe(3);
    expect(await backendPid()).toBe(pid);
  });

  it('fails when the server ends the connection mid-copy, and the pool opens another', async () => {
    const pid = await backendPid();
    let rows = 0;
    // rows of a kilobyte, so that the server's output buffer sends them a few at a time
    const copy = client.copyOut!(
      `SELECT pg_sleep(0.01), repeat('x', 1000) FROM generate_series(1, 2000) g`,
      () => (rows += 1),
    );
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      while (rows < 3) await new Promise((resolve) => setTimeout(resolve, 10));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    await expect(copy).rejects.toThrow();
    expect(rows).toBeLessThan(2000);
    // the process lives on (no unhandled 'error'), and the next statement gets a new connection
    expect(await backendPid()).not.toBe(pid);
  });

  it('a transaction fails when the server ends its connection, and the pool opens another', async () => {
    const pid = await backendPid();
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      const transaction = client.transaction(async (session) => {
        await session.query('SELECT 1');
        await session.query('SELECT pg_sleep(5)');
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect(transaction).rejects.toThrow();
    } finally {
      await admin.end();
    }
    expect(await backendPid()).not.toBe(pid);
  });
});

describeOnServer('poolClient: a COPY in outside a transaction', (url) => {
  const notes = notesOnServer(url, '');

  const ids = async () =>
    (
      await notes.client.query<{ id: number }>(`SELECT id FROM ${notes.schema}.notes ORDER BY id`)
    ).rows.map((row) => row.id);

  it('copies the rows in on a connection of its own, and reports how many', async () => {
    expect(
      await notes.client.copyFrom!(
        `COPY ${notes.schema}.notes (id) FROM STDIN`,
        Buffer.from('1\n2\n'),
      ),
    ).toBe(2);
    expect(await ids()).toEqual([1, 2]);
  });

  it('fails with the server refusal, copies nothing, and the pool goes on with the next statement', async () => {
    const copy = notes.client.copyFrom!(
      `COPY ${notes.schema}.notes (id) FROM STDIN`,
      Buffer.from('3\nthree\n'),
    );
    await expect(copy).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await ids()).toEqual([]);
  });
});
