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
  };
  return { store, tokens };
};
