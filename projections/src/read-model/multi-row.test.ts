import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { arrayLiteral, column, insertRows, runAll } from './multi-row';

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

  it('carry any text and JSON through array literals unchanged', async () => {
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
    ];
    const rows: Row[] = awkward.map((note, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note,
      doc: { note, list: [note, null, true, 1.5] },
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
    await runAll(db.client, [insertRows('notes', columns, [...rows, withNull])]);
    const { rows: read } = await db.client.query<{
      id: string;
      note: string | null;
      doc: unknown;
      n: string;
    }>('SELECT id, note, doc, n::text AS n FROM notes ORDER BY id');
    expect(read).toEqual([
      ...rows.map((r) => ({ id: r.id, note: r.note, doc: r.doc, n: r.n.toString() })),
      { id: withNull.id, note: null, doc: null, n: '1' },
    ]);
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
