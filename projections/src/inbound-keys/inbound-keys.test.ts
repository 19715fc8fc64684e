import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { InboundKey } from '@helpdesk/application';
import { installCredentials } from '../credentials/api-tokens';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { sqlInboundKeys } from './store';

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

const account = '10000000-0000-4000-8000-000000000001';
const other = '10000000-0000-4000-8000-000000000002';
const key = (accountId: string, c: string): InboundKey => ({
  accountId,
  key: `hdin_${c.repeat(8)}`,
  keyHash: c.repeat(64),
  createdAt: new Date('2026-11-21T10:00:00.000Z'),
});

describe('inbound keys table', () => {
  let db: TestDatabase;
  let schema: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    // named after the test schema, so that disposing of the database drops it too
    schema = `${db.schema}_credentials`;
    await installCredentials(db.client, schema);
    await installCredentials(db.client, schema); // installing twice changes nothing
  });
  afterAll(() => db.dispose());

  it('keeps the first key of an account: a later first use reads it back', async () => {
    const keys = sqlInboundKeys(db.client, schema);
    expect(await run(keys.keyOf(key(account, 'a')))).toEqual(key(account, 'a'));
    expect(await run(keys.keyOf(key(account, 'b')))).toEqual(key(account, 'a'));
    expect(await run(keys.accountOf('a'.repeat(64)))).toEqual(O.some(account));
    expect(await run(keys.accountOf('b'.repeat(64)))).toEqual(O.none);
  });

  it('a replaced key stops naming the account at once; other accounts keep theirs', async () => {
    const keys = sqlInboundKeys(db.client, schema);
    await run(keys.keyOf(key(other, 'c')));
    await run(keys.replace(key(account, 'd')));
    expect(await run(keys.accountOf('a'.repeat(64)))).toEqual(O.none);
    expect(await run(keys.accountOf('d'.repeat(64)))).toEqual(O.some(account));
    expect(await run(keys.keyOf(key(account, 'e')))).toEqual(key(account, 'd'));
    expect(await run(keys.accountOf('c'.repeat(64)))).toEqual(O.some(other));
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => sqlInboundKeys(db.client, 'x; DROP TABLE y')).toThrow(/identifier/);
  });
});
