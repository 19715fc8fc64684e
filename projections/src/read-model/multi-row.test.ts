import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { appendRows, arrayLiteral, column, copyData, insertRows, runAll } from './multi-row';

interface Row {
  readonly id: string;
  readonly note: string | null;
  readonly doc: unknown;
  readonly n: bigint;
}

describe('multi-row statements', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.client.exec(
      'CREATE TABLE notes (id uuid PRIMARY KEY, note text, doc jsonb, n bigint)',
    );
  });
  afterAll(() => db.dispose());

  const awkward = [
    '',
    'NULL',
    'a,b',
    '{x}',
    'say "hi"',
    'back\\slash',
    'tab\there\nnew line',
    'é 😀',
    ' pad ',
    'carriage\rreturn \\N',
  ];
  const rowsOf = (table: string): Row[] =>
    awkward.map((note, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note,
      doc: { note, list: [note, null, true, 1.5], table },
      n: 9007199254740993n + BigInt(i),
    }));
  const columns = [
    column<Row>('id', 'uuid', (r) => r.id),
    column<Row>('note', 'text', (r) => r.note),
    column<Row>('doc', 'jsonb', (r) => r.doc),
    column<Row>('n', 'bigint', (r) => r.n.toString()),
  ];
  const withNull: Row = {
    id: '00000000-0000-4000-8000-0000000000ff',
    note: null,
    doc: null,
    n: 1n,
  };
  const readBack = (table: string) =>
    db.client
      .query<{
        id: string;
        note: string | null;
        doc: unknown;
        n: string;
      }>(`SELECT id, note, doc, n::text AS n FROM ${table} ORDER BY id`)
      .then(({ rows }) => rows);
  const asRead = (rows: ReadonlyArray<Row>) =>
    rows.map((r) => ({ id: r.id, note: r.note, doc: r.doc, n: r.n.toString() }));

  it('carry any text and JSON through array literals unchanged', async () => {
    const rows = rowsOf('notes');
    await runAll(db.client, [insertRows('notes', columns, [...rows, withNull])]);
    expect(await readBack('notes')).toEqual(asRead([...rows, withNull]));
  });

  it('append any text and JSON unchanged, by COPY where the session has it', async () => {
    await db.client.exec(
      'CREATE TABLE copied (id uuid PRIMARY KEY, note text, doc jsonb, n bigint)',
    );
    const rows = rowsOf('copied');
    const copies = await db.client.transaction(async (session) => {
      await appendRows(session, 'copied', columns, [...rows, withNull]);
      return session.copyFrom !== undefined;
    });
    // `pg` sessions copy; PGlite's insert
    expect(copies).toBe(db.engine === 'postgres');
    expect(await readBack('copied')).toEqual(asRead([...rows, withNull]));
  });

  it('append by insert where the session has no COPY', async () => {
    await db.client.exec(
      'CREATE TABLE inserted (id uuid PRIMARY KEY, note text, doc jsonb, n bigint)',
    );
    const rows = rowsOf('inserted');
    await appendRows({ query: db.client.query, exec: db.client.exec }, 'inserted', columns, [
      ...rows,
      withNull,
    ]);
    expect(await readBack('inserted')).toEqual(asRead([...rows, withNull]));
  });

  it('append nothing of a batch with a refused value, and leave the session usable', async () => {
    await db.client.exec(
      'CREATE TABLE refused (id uuid PRIMARY KEY, note text, doc jsonb, n bigint)',
    );
    const good = rowsOf('refused').slice(0, 2);
    const bad: Row = { ...withNull, id: 'not-a-uuid' };
    await expect(
      db.client.transaction((session) => appendRows(session, 'refused', columns, [...good, bad])),
    ).rejects.toThrow(/uuid/);
    expect(await readBack('refused')).toEqual([]);
    await db.client.transaction((session) => appendRows(session, 'refused', columns, good));
    expect(await readBack('refused')).toEqual(asRead(good));
  });

  it('write COPY text: tab between values, \\N for null, backslash escapes, JSON null as JSON', () => {
    expect(
      copyData(columns, [
        { id: 'a', note: 'x\ty\nz\\', doc: { s: 'q"\n' }, n: 1n },
        { id: 'b', note: null, doc: null, n: 2n },
      ]),
    ).toBe('a\tx\\ty\\nz\\\\\t{"s":"q\\\\"\\\\n"}\t1\nb\t\\N\tnull\t2\n');
  });

  it('leave values that need no quoting bare', () => {
    expect(arrayLiteral('uuid', ['a-1', null])).toBe('{a-1,NULL}');
    expect(arrayLiteral('text', ['a', null, 'b"c'])).toBe('{"a",NULL,"b\\"c"}');
  });

  it('never let a malformed value shift a column: it is quoted and its cast fails', async () => {
    expect(arrayLiteral('uuid', ['x,y', ''])).toBe('{"x,y",""}');
    await expect(
      db.client.query('SELECT unnest($1::uuid[])', [arrayLiteral('uuid', ['not-a-uuid,1'])]),
    ).rejects.toThrow();
  });
});
