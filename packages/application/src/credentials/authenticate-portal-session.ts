import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { portalViewerOf, userDecider, type ExistingUser } from '@helpdesk/domain';
import { streams } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../command/app-error';
import { currentThroughCache, type StreamCache } from '../command/stream-cache';
import type { PortalCredentialStore, PortalSession } from '../ports/portal-credentials';
import { hashApiToken } from './api-tokens';

export interface PortalAuthenticated {
  readonly session: PortalSession;
  /** read from the user's stream, so a merge or a deletion counts from the next request */
  readonly user: ExistingUser;
}

/**
 * Who a presented portal session token stands for: none when the token is unknown or expired, or
 * when its user is no longer an active end user of the session's account (R3.5).
 */
export const authenticatePortalSession = (
  deps: {
    readonly portal: Pick<PortalCredentialStore, 'findSession'>;
    readonly eventStore: EventStore;
    readonly streams?: StreamCache;
  },
  token: string,
  now: Date,
): TE.TaskEither<AppError, O.Option<PortalAuthenticated>> =>
  pipe(
    deps.portal.findSession(hashApiToken(token), now),
    TE.chainW(
      O.match(
        () => TE.right(O.none),
        (session) =>
          pipe(
            currentThroughCache(
              deps.eventStore,
              deps.streams,
              userDecider,
              streams.user(session.userId),
            ),
            TE.map(({ state: user }) =>
              user.exists && user.accountId === session.accountId && portalViewerOf(user) !== null
                ? O.some({ session, user })
                : O.none,
            ),
          ),
      ),
    ),
  );
