import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { ExistingUser } from '@helpdesk/domain';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../command/app-error';
import type { StreamCache } from '../command/stream-cache';
import { currentUser } from '../use-cases/lookups';
import type { CredentialStore, StoredApiToken } from '../ports/credentials';
import { hashApiToken } from './api-tokens';

export interface Authenticated {
  readonly token: StoredApiToken;
  /**
   * read from the user's stream: a role change or a merge counts from the next request (made in
   * another process, once this process's live tail has delivered it)
   */
  readonly user: ExistingUser;
}

/**
 * Who a presented API token stands for: none when the token is unknown, or its user no longer
 * exists in the token's account or is no longer active (R3.5: a merged user cannot sign in).
 */
export const authenticateApiToken =
  (
    deps: {
      readonly credentials: CredentialStore;
      readonly eventStore: EventStore;
      /** users' states this process knows: only what happened since is read, if anything did */
      readonly streams?: StreamCache;
    },
    token: string,
  ): TE.TaskEither<AppError, O.Option<Authenticated>> =>
  // every request runs this: plain awaits, not combinators (docs/performance.md)
  async () => {
    const stored = await deps.credentials.findApiToken(hashApiToken(token))();
    if (E.isLeft(stored)) return stored;
    if (O.isNone(stored.right)) return E.right(O.none);
    const { userId, accountId } = stored.right.value;
    const current = await currentUser(deps, userId);
    if (E.isLeft(current)) return current;
    const user = current.right;
    return E.right(
      user.exists && user.accountId === accountId && user.status === 'active'
        ? O.some({ token: stored.right.value, user })
        : O.none,
    );
  };
