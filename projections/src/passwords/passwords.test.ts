import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { PasswordHash } from '@helpdesk/application';
import { installCredentials } from '../credentials/api-tokens';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { sqlPortalCredentials } from './store';

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const hashOf = (c: string) => c.repeat(64).slice(0, 64);

const account = '10000000-0000-4000-8000-000000000001';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 10, minute));
const password = (hash: string): PasswordHash => ({
  algorithm: 'scrypt',
  salt: 'c2FsdA==',
  cost: 16384,
  blockSize: 8,
  parallelization: 1,
  hash,
});

describe('portal credentials tables', () => {
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

  const link = (userId: string, tokenHash: string, minute = 0) => ({
    accountId: account,
    userId,
    tokenHash,
    issuedAt: at(minute),
    expiresAt: at(minute + 60),
    unpairedResetId: uuid(),
  });

  it('R6.7 pairs each minted link with the oldest started reset of its user still waiting for one', async () => {
    const store = sqlPortalCredentials(db.client, schema);
    const user = uuid();
    const [first, second] = [uuid(), uuid()];
    await run(
      store.saveStartedReset({
        resetId: second,
        accountId: account,
        userId: user,
        requestedAt: at(2),
      }),
    );
    await run(
      store.saveStartedReset({
        resetId: first,
        accountId: account,
        userId: user,
        requestedAt: at(1),
      }),
    );
    expect(await run(store.saveResetLink(link(user, hashOf('a'))))).toBe(first);
    expect(await run(store.saveResetLink(link(user, hashOf('b'))))).toBe(second);
    // nothing waits any more: the third link is a reset of its own, started by no event
    const third = link(user, hashOf('c'));
    expect(await run(store.saveResetLink(third))).toBe(third.unpairedResetId);
    const found = await run(store.findResetLink(hashOf('c')));
    expect(O.isSome(found) && found.value).toEqual({
      resetId: third.unpairedResetId,
      accountId: account,
      userId: user,
      started: false,
      expiresAt: at(60),
      usedAt: null,
    });
    expect(O.isSome(await run(store.findResetLink(hashOf('a'))))).toBe(true);
    expect(await run(store.findResetLink(hashOf('d')))).toEqual(O.none);
  });

  it('R6.7 two senders minting links at once never pair one started reset twice', async () => {
    const store = sqlPortalCredentials(db.client, schema);
    const user = uuid();
    const reset = uuid();
    await run(
      store.saveStartedReset({
        resetId: reset,
        accountId: account,
        userId: user,
        requestedAt: at(0),
      }),
    );
    const ids = await Promise.all([
      run(store.saveResetLink(link(user, hashOf('e')))),
      run(store.saveResetLink(link(user, hashOf('f')))),
    ]);
    expect(ids.filter((id) => id === reset)).toHaveLength(1);
  });

  it('R6.8 a link sets a password once, ends the sessions, and not after it expired', async () => {
    const store = sqlPortalCredentials(db.client, schema);
    const user = uuid();
    const session = {
      id: uuid(),
      accountId: account,
      userId: user,
      tokenHash: hashOf('1'),
      createdAt: at(0),
      expiresAt: at(600),
    };
    await run(store.saveSession(session));
    expect(await run(store.findSession(hashOf('1'), at(5)))).toEqual(O.some(session));
    await run(store.saveResetLink(link(user, hashOf('g'))));

    expect(await run(store.useResetLink(hashOf('g'), password('first'), at(10)))).toBe(true);
    expect(await run(store.findPassword(account, user))).toEqual(O.some(password('first')));
    expect(await run(store.findSession(hashOf('1'), at(11)))).toEqual(O.none);
    const used = await run(store.findResetLink(hashOf('g')));
    expect(O.isSome(used) && used.value.usedAt).toEqual(at(10));

    // a second use changes nothing
    expect(await run(store.useResetLink(hashOf('g'), password('second'), at(11)))).toBe(false);
    expect(await run(store.findPassword(account, user))).toEqual(O.some(password('first')));

    // an expired link changes nothing either
    await run(store.saveResetLink(link(user, hashOf('h'), 20)));
    expect(await run(store.useResetLink(hashOf('h'), password('late'), at(80)))).toBe(false);
    expect(await run(store.findPassword(account, user))).toEqual(O.some(password('first')));
    // nor does an unknown one
    expect(await run(store.useResetLink(hashOf('i'), password('none'), at(21)))).toBe(false);
  });

  it('finds a password only in its own account, and a session only until it expires', async () => {
    const store = sqlPortalCredentials(db.client, schema);
    const user = uuid();
    await run(store.saveResetLink(link(user, hashOf('j'))));
    await run(store.useResetLink(hashOf('j'), password('mine'), at(1)));
    expect(await run(store.findPassword(uuid(), user))).toEqual(O.none);
    await run(
      store.saveSession({
        id: uuid(),
        accountId: account,
        userId: user,
        tokenHash: hashOf('2'),
        createdAt: at(0),
        expiresAt: at(30),
      }),
    );
    expect(O.isSome(await run(store.findSession(hashOf('2'), at(29))))).toBe(true);
    expect(await run(store.findSession(hashOf('2'), at(30)))).toEqual(O.none);
  });

  it('reports a failing database as a value, not a throw', async () => {
    const broken = sqlPortalCredentials(
      {
        query: () => Promise.reject(new Error('down')),
        exec: () => Promise.reject(new Error('down')),
      },
      schema,
    );
    const found = await broken.findSession(hashOf('1'), at(0))();
    expect(E.isLeft(found) && found.left.kind).toBe('StoreUnavailable');
    const saved = await broken.saveResetLink(link(uuid(), hashOf('k')))();
    expect(E.isLeft(saved) && saved.left.kind).toBe('StoreUnavailable');
  });
});
