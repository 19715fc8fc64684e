import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { CredentialStore, StoredApiToken } from '../ports/credentials';

/** A credential store in a map, for tests of the application layer. */
export const memoryCredentials = () => {
  const tokens = new Map<string, StoredApiToken>();
  const store: CredentialStore = {
    saveApiToken: (token) => {
      tokens.set(token.tokenHash, token);
      return TE.right(undefined);
    },
    findApiToken: (tokenHash) => TE.right(O.fromNullable(tokens.get(tokenHash))),
    listApiTokens: (accountId, userId) =>
      TE.right(
        [...tokens.values()]
          .filter((token) => token.accountId === accountId && token.userId === userId)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
      ),
    revokeApiToken: (accountId, userId, tokenId) => async () => {
      const found = [...tokens.values()].find(
        (token) => token.id === tokenId && token.accountId === accountId && token.userId === userId,
      );
      if (found !== undefined) tokens.delete(found.tokenHash);
      return E.right(found !== undefined);
    },
  };
  return { store, tokens };
};
