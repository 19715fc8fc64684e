import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import {
  memoryCredentials,
  type CredentialStore,
  type StoredApiToken,
} from '@helpdesk/application';
import { cachedCredentials } from './cached-credentials';

const token: StoredApiToken = {
  id: '00000000-0000-4000-8000-000000000001',
  accountId: '00000000-0000-4000-8000-0000000000aa',
  userId: '00000000-0000-4000-8000-0000000000bb',
  tokenHash: 'f'.repeat(64),
  createdAt: new Date('2026-11-21T10:00:00Z'),
};

/** The memory store, counting lookups, whose next lookup can be held until released. */
const heldStore = () => {
  const memory = memoryCredentials();
  let lookups = 0;
  let hold: Promise<void> | undefined;
  const store: CredentialStore = {
    ...memory.store,
    findApiToken: (hash) => async () => {
      lookups += 1;
      const found = await memory.store.findApiToken(hash)();
      await hold;
      return found;
    },
  };
  return {
    store,
    save: () => memory.store.saveApiToken(token)(),
    lookups: () => lookups,
    holdNextLookup: () => {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
};

const find = async (store: CredentialStore) => {
  const found = await store.findApiToken(token.tokenHash)();
  if (E.isLeft(found)) throw new Error(found.left.message);
  return O.isSome(found.right);
};

describe('the API token cache', () => {
  it('remembers a found token instead of asking again', async () => {
    const inner = heldStore();
    await inner.save();
    const cached = cachedCredentials(inner.store);
    expect([await find(cached), await find(cached)]).toEqual([true, true]);
    expect(inner.lookups()).toBe(1);
  });

  it('forgets a token revoked through it at once', async () => {
    const inner = heldStore();
    await inner.save();
    const cached = cachedCredentials(inner.store);
    expect(await find(cached)).toBe(true);
    expect(await cached.revokeApiToken(token.accountId, token.userId, token.id)()).toEqual(
      E.right(true),
    );
    expect(await find(cached)).toBe(false);
  });

  it('does not keep a token that a lookup under way found as it was revoked', async () => {
    const inner = heldStore();
    await inner.save();
    const cached = cachedCredentials(inner.store);
    const release = inner.holdNextLookup();
    const during = find(cached);
    await cached.revokeApiToken(token.accountId, token.userId, token.id)();
    release();
    // the request under way was let in; the next one asks the store again and is not
    expect(await during).toBe(true);
    expect(await find(cached)).toBe(false);
    expect(inner.lookups()).toBe(2);
  });
});
