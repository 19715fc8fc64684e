import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CredentialStore, StoredApiToken } from '@helpdesk/application';

/**
 * The credentials store, remembering the tokens it found for a while: every request presents its
 * token, and a token never changes once issued. Unknown tokens are always asked again (one may
 * have just been issued, by this process or another). `ttlMs` bounds how long a token that could
 * one day be revoked elsewhere keeps working here.
 */
export const cachedCredentials = (
  inner: CredentialStore,
  options: { readonly capacity?: number; readonly ttlMs?: number } = {},
): CredentialStore => {
  const capacity = options.capacity ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const found = new Map<string, { readonly token: StoredApiToken; readonly until: number }>();
  return {
    saveApiToken: (token) => inner.saveApiToken(token),
    findApiToken: (tokenHash) => {
      const known = found.get(tokenHash);
      if (known !== undefined && known.until > Date.now()) return TE.right(O.some(known.token));
      return pipe(
        inner.findApiToken(tokenHash),
        TE.map((token) => {
          if (O.isSome(token)) {
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
