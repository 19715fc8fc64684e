import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CredentialStore, StoredApiToken } from '@helpdesk/application';

/**
 * The credentials store, remembering the tokens it found for a while: every request presents its
 * token, and a token never changes once issued. Unknown tokens are always asked again (one may
 * have just been issued, by this process or another). `ttlMs` bounds how long a token revoked by
 * another process keeps working here.
 */
export const cachedCredentials = (
  inner: CredentialStore,
  options: { readonly capacity?: number; readonly ttlMs?: number } = {},
): CredentialStore => {
  const capacity = options.capacity ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const found = new Map<string, { readonly token: StoredApiToken; readonly until: number }>();
  /** revoked here: id → when the revocation ended; a lookup begun before then may have seen it */
  const revoked = new Map<string, number>();
  const wasRevoked = (tokenId: string, lookedUpAt: number) =>
    (revoked.get(tokenId) ?? -Infinity) >= lookedUpAt;
  return {
    saveApiToken: (token) => inner.saveApiToken(token),
    listApiTokens: (accountId, userId) => inner.listApiTokens(accountId, userId),
    // a revoked token is forgotten here at once; other processes forget it within `ttlMs`
    revokeApiToken: (accountId, userId, tokenId) =>
      pipe(
        inner.revokeApiToken(accountId, userId, tokenId),
        TE.map((deleted) => {
          const now = Date.now();
          for (const [hash, { token }] of found) if (token.id === tokenId) found.delete(hash);
          revoked.set(tokenId, now);
          for (const [id, at] of revoked) if (at < now - ttlMs) revoked.delete(id);
          return deleted;
        }),
      ),
    findApiToken: (tokenHash) => {
      const known = found.get(tokenHash);
      if (known !== undefined && known.until > Date.now()) return TE.right(O.some(known.token));
      const lookedUpAt = Date.now();
      return pipe(
        inner.findApiToken(tokenHash),
        TE.map((token) => {
          if (O.isSome(token) && !wasRevoked(token.value.id, lookedUpAt)) {
            found.delete(tokenHash);
            found.set(tokenHash, { token: token.value, until: Date.now() + ttlMs });
            if (found.size > capacity) found.delete(found.keys().next().value as string);
          }
          return token;
        }),
      );
    },
  };
};
