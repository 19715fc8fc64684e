import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type {
  CredentialsUnavailable,
  PortalCredentialStore,
  PortalSession,
} from '@helpdesk/application';

/**
 * Portal sessions, remembered for a while once found, as API tokens are (`cachedCredentials`):
 * every portal request presents its session. A remembered session still ends at its expiry; one
 * ended elsewhere (a password reset ends the user's sessions) keeps working here for at most
 * `ttlMs`, unless this process ended it (`forgetUser`).
 */
export const cachedPortalSessions = (
  inner: Pick<PortalCredentialStore, 'findSession'>,
  options: { readonly capacity?: number; readonly ttlMs?: number } = {},
) => {
  const capacity = options.capacity ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const found = new Map<string, { readonly session: PortalSession; readonly until: number }>();
  return {
    findSession: (
      tokenHash: string,
      now: Date,
    ): TE.TaskEither<CredentialsUnavailable, O.Option<PortalSession>> => {
      const known = found.get(tokenHash);
      if (
        known !== undefined &&
        known.until > Date.now() &&
        known.session.expiresAt.getTime() > now.getTime()
      )
        return TE.right(O.some(known.session));
      found.delete(tokenHash);
      return pipe(
        inner.findSession(tokenHash, now),
        TE.map((session) => {
          if (O.isSome(session)) {
            found.set(tokenHash, { session: session.value, until: Date.now() + ttlMs });
            if (found.size > capacity) found.delete(found.keys().next().value as string);
          }
          return session;
        }),
      );
    },
    /** a password reset here ended the user's sessions: stop remembering them at once */
    forgetUser: (userId: string): void => {
      for (const [hash, { session }] of found) if (session.userId === userId) found.delete(hash);
    },
  };
};
