import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { appendRows, arrayLiteral, insertRows, runAll } from './multi-row';
import { sampleColumns as columns, type SampleRow as Row } from './testing/sample-columns';

describe('multi-row statements', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.client.exec(
      'CREATE TABLE notes (id uuid PRIMARY KEY, note text, doc jsonb, n bigint, at timestamptz, flag boolean)',
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
  /** timestamps as written, and as the server reads them (UTC, to the microsecond) */
  const moments: ReadonlyArray<readonly [string, string]> = [
    ['2024-03-02T16:05:00.000Z', '2024-03-02T16:05:00.000000'],
    ['2024-02-29T23:59:59.9999995Z', '2024-03-01T00:00:00.000000'],
    ['2024-01-01T00:00:00.0000025Z', '2024-01-01T00:00:00.000002'],
    ['1999-12-31T23:59:59.5+05:30', '1999-12-31T18:29:59.500000'],
    ['1969-07-20T20:17:40Z', '1969-07-20T20:17:40.000000'],
    ['2024-01-01T24:00:00Z', '2024-01-02T00:00:00.000000'],
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000000'],
    ['0001-01-01T00:00:00-15:59', '0001-01-01T15:59:00.000000'],
    ['2300-06-15T12:00:00.123456Z', '2300-06-15T12:00:00.123456'],
    ['9999-12-31T23:59:59.999999Z', '9999-12-31T23:59:59.999999'],
  ];
  /** bigints on both sides of 2^53 (the number fast path) and at the ends of int8 */
  const integers: ReadonlyArray<bigint> = [
    0n,
    -1n,
    2n ** 32n - 1n,
    -(2n ** 32n) - 7n,
    2n ** 53n - 1n,
    -(2n ** 53n) + 1n,
    2n ** 53n,
    -(2n ** 53n) - 1n,
    2n ** 63n - 1n,
    -(2n ** 63n),
  ];
  const rowsOf = (table: string): Row[] =>
    awkward.map((note, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note,
      doc: { note, list: [note, null, true, 1.5], table },
      n: integers[i]!,
      at: moments[i]![0],
      flag: i % 3 === 0 ? null : i % 3 === 1,
    }));
  const withNull: Row = {
    id: '00000000-0000-4000-8000-0000000000ff',
    note: null,
    doc: null,
    n: 1n,
    at: null,
    flag: null,
  };
  const readBack = (table: string) =>
    db.client
      .query<{
        id: string;
        note: string | null;
        doc: unknown;
        n: string;
        at: string | null;
        flag: boolean | null;
      }>(
        `SELECT id, note, doc, n::text AS n, flag,
           to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at
         FROM ${table} ORDER BY id`,
      )
      .then(({ rows }) => rows);
  const asRead = (rows: ReadonlyArray<Row>) =>
    rows.map((r) => ({
      id: r.id,
      note: r.note,
      doc: r.doc,
      n: r.n.toString(),
      at: moments.find(([written]) => written === r.at)?.[1] ?? null,
      flag: r.flag,
    }));

  it('carry any text and JSON through array literals unchanged', async () => {
    const rows = rowsOf('notes');
    await runAll(db.client, [insertRows('notes', columns, [...rows, withNull])]);
    expect(await readBack('notes')).toEqual(asRead([...rows, withNull]));
  });

  it('append any text, JSON, bigint and timestamp unchanged, by binary COPY where the session has it', async () => {
    await db.client.exec(
      'CREATE TABLE copied (id uuid PRIMARY KEY, note text, doc jsonb, n bigint, at timestamptz, flag boolean)',
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

  it('append rows whose COPY data runs over many pieces, one value longer than a piece, unchanged', async () => {
    await db.client.exec(
      'CREATE TABLE pieces (id uuid PRIMARY KEY, note text, doc jsonb, n bigint, at timestamptz, flag boolean)',
    );
    // about 1.5 MB of rows of uneven lengths, so that rows and fields straddle the pieces (256 kB),
    // and one note of 600 kB
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note: i === 1500 ? 'é'.repeat(300_000) : `note ${i} `.repeat(i % 50),
      doc: { i, list: Array.from({ length: i % 7 }, (_, j) => `${j}`) },
      n: BigInt(i) * 2n ** 40n,
      at: moments[i % moments.length]![0],
      flag: i % 2 === 0,
    }));
    await db.client.transaction((session) => appendRows(session, 'pieces', columns, rows));
    expect(await readBack('pieces')).toEqual(asRead(rows));
  });

  it('append by insert where the session has no COPY', async () => {
    await db.client.exec(
      'CREATE TABLE inserted (id uuid PRIMARY KEY, note text, doc jsonb, n bigint, at timestamptz, flag boolean)',
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
      'CREATE TABLE refused (id uuid PRIMARY KEY, note text, doc jsonb, n bigint, at timestamptz, flag boolean)',
    );
    const good = rowsOf('refused').slice(0, 2);
    const refusals: ReadonlyArray<readonly [Row, RegExp]> = [
      [{ ...withNull, id: 'not-a-uuid' }, /uuid/],
      [{ ...withNull, at: '2023-02-29T00:00:00Z' }, /out of range/],
      [{ ...withNull, n: 2n ** 63n }, /out of range/],
      [{ ...withNull, flag: 'maybe' as unknown as boolean }, /boolean/],
    ];
    for (const [bad, message] of refusals)
      await expect(
        db.client.transaction((session) => appendRows(session, 'refused', columns, [...good, bad])),
      ).rejects.toThrow(message);
    expect(await readBack('refused')).toEqual([]);
    await db.client.transaction((session) => appendRows(session, 'refused', columns, good));
    expect(await readBack('refused')).toEqual(asRead(good));
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
