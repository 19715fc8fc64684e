import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { writeTimestamp, writeUuid } from './binary-values';

/**
 * The binary values are checked against the server's own: what its `*_send` functions write for
 * the same text, and whether its text input refuses what is refused here.
 */
describe('binary values', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.dispose());

  const sent = async (type: string, text: string): Promise<Buffer> => {
    const { rows } = await db.client.query<{ bytes: Uint8Array }>(
      `SELECT ${type}_send($1::${type}) AS bytes`,
      [text],
    );
    return Buffer.from(rows[0]!.bytes);
  };
  const refusedByServer = (type: string, text: string) =>
    db.client.query(`SELECT $1::${type}`, [text]).then(
      () => false,
      () => true,
    );

  /** the bytes a writer writes for a value */
  const writtenBy =
    (write: (target: Buffer, offset: number, value: unknown) => void, size: number) =>
    (value: unknown): Buffer => {
      const bytes = Buffer.alloc(size);
      write(bytes, 0, value);
      return bytes;
    };
  const uuidOf = writtenBy(writeUuid, 16);
  const timestampOf = writtenBy(writeTimestamp, 8);

  it('write a uuid as the server does, from every spelling it reads', async () => {
    for (const text of [
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      'a0eebc999c0b4ef8bb6d6bb9bd380a11',
      '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
      'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11',
      '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}',
      '00000000-0000-0000-0000-000000000000',
    ])
      expect(uuidOf(text)).toEqual(await sent('uuid', text));
  });

  it('refuse a uuid the server refuses, naming the type', async () => {
    for (const text of [
      '',
      'not-a-uuid',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-',
      '-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11',
      '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
      'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1é',
    ]) {
      expect(await refusedByServer('uuid', text)).toBe(true);
      expect(() => uuidOf(text)).toThrow(/invalid input syntax for type uuid/);
    }
    expect(() => uuidOf(42)).toThrow(/uuid/);
    // the usual spelling with a character that is no digit in any of its 32 digits' places
    const usual = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    for (let at = 0; at < usual.length; at += 1)
      if (usual[at] !== '-')
        for (const notDigit of ['g', 'G', '-', ' ', 'é', '✓', '\u0100', '\u0130'])
          expect(() => uuidOf(usual.slice(0, at) + notDigit + usual.slice(at + 1))).toThrow(
            /invalid input syntax for type uuid/,
          );
  });

  it('write a timestamp as the server does: fields rolled over, microseconds rounded half to even', async () => {
    for (const text of [
      '2024-03-02T16:05:00.000Z',
      '1969-07-20T20:17:40.500Z',
      '0001-01-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2016-12-31T23:59:60.000Z',
      '2000-01-01T00:00:00Z',
      '1999-12-31T23:59:59.999999Z',
      '1969-07-20T20:17:40.5Z',
      '0001-01-01T00:00:00Z',
      '0099-03-01T00:00:00Z',
      '1900-02-28T12:00:00Z',
      '2000-02-29T12:00:00Z',
      '2024-02-29T23:59:59.9999995Z',
      '2024-01-01T00:00:00.0000005Z',
      '2024-01-01T00:00:00.0000015Z',
      '2024-01-01T00:00:00.0000025Z',
      '2024-01-01T00:00:00.12345649999Z',
      '2024-01-01T24:00:00Z',
      '2016-12-31T23:59:60Z',
      '2024-06-30T10:00:00+05:30',
      '2024-06-30T10:00:00-08:00',
      '2024-06-30T10:00:00+15:59',
      '2300-06-15T12:00:00.123456Z',
      '9999-12-31T23:59:59.999999Z',
    ])
      expect(timestampOf(text)).toEqual(await sent('timestamptz', text));
    const then = new Date('1903-03-02T16:05:00.123Z');
    expect(timestampOf(then)).toEqual(await sent('timestamptz', then.toISOString()));
  });

  it('refuse a timestamp the server refuses', async () => {
    for (const text of [
      '2023-02-29T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2024-01-01T24:00:00.001Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-00-10T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2024-01-01T24:00:01Z',
      '2024-01-01T25:00:00Z',
      '2024-01-01T00:60:00Z',
      '2024-01-01T23:59:60.5Z',
      '2024-01-01T23:59:61Z',
      '2024-01-01T00:00:00+16:00',
      '2024-01-01T00:00:00+14:60',
    ]) {
      expect(await refusedByServer('timestamptz', text)).toBe(true);
      expect(() => timestampOf(text)).toThrow(/out of range/);
    }
    expect(() => timestampOf('yesterday')).toThrow(/timestamp with time zone/);
    expect(() => timestampOf(new Date(Number.NaN))).toThrow(/timestamp with time zone/);
  });

  it('refuse the spellings the server reads that events never carry, rather than guess', () => {
    for (const text of [
      '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00',
      '2024-01-01T00:00:00+05',
      '2024-0a-01T00:00:00.000Z',
    ])
      expect(() => timestampOf(text)).toThrow(/invalid input syntax/);
  });
});
