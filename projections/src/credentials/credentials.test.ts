import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { installCredentials, sqlCredentials } from './api-tokens';

describe('credentials table', () => {
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

  const token = {
    id: '00000000-0000-4000-8000-000000000001',
    accountId: '00000000-0000-4000-8000-000000000002',
    userId: '00000000-0000-4000-8000-000000000003',
    tokenHash: 'a'.repeat(64),
    createdAt: new Date('2026-11-21T10:00:00.000Z'),
  };

  it('finds a saved token by its hash, and nothing by another hash', async () => {
    const credentials = sqlCredentials(db.client, schema);
    expect(await credentials.saveApiToken(token)()).toEqual(E.right(undefined));
    expect(await credentials.findApiToken(token.tokenHash)()).toEqual(E.right(O.some(token)));
    expect(await credentials.findApiToken('b'.repeat(64))()).toEqual(E.right(O.none));
  });

  it('refuses a second token with the same hash as a failure value, not a throw', async () => {
    const credentials = sqlCredentials(db.client, schema);
    const again = await credentials.saveApiToken({
      ...token,
      id: '00000000-0000-4000-8000-000000000009',
    })();
    expect(E.isLeft(again) && again.left.kind).toBe('StoreUnavailable');
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => sqlCredentials(db.client, 'x; DROP TABLE y')).toThrow(/identifier/);
  });
});
