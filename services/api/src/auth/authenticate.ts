import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { emailsOf } from '@helpdesk/domain';
import { normalizeEmail } from '@helpdesk/events';
import {
  authenticateApiToken,
  authenticatePortalSession,
  isPortalSessionToken,
  systemClock,
  type Clock,
  type CredentialStore,
  type PortalCredentialStore,
  type StreamCache,
} from '@helpdesk/application';
import type { EventStore } from '@helpdesk/event-store';
import { fromAppError, type ApiError } from '../http/errors';
import { presentedCredentials } from './authorization-header';
import { isOperatorToken } from './operator';
import type { OperatorPrincipal, UserPrincipal } from './principal';

const unauthorized: ApiError = { kind: 'Unauthorized' };

export interface AuthDeps {
  readonly credentials: CredentialStore;
  readonly eventStore: EventStore;
  readonly streams?: StreamCache;
  /** portal sessions (R6.8); without them a portal session token is unknown, as any other */
  readonly portalSessions?: Pick<PortalCredentialStore, 'findSession'>;
  /** when sessions expire; the system clock when absent */
  readonly clock?: Clock;
}

/** An end user signed in to the portal, by `Authorization: Bearer <portal session token>`. */
const authenticatePortalUser = (
  deps: AuthDeps,
  token: string,
): TE.TaskEither<ApiError, UserPrincipal> =>
  deps.portalSessions === undefined
    ? TE.left(unauthorized)
    : pipe(
        authenticatePortalSession(
          { ...deps, portal: deps.portalSessions },
          token,
          (deps.clock ?? systemClock).now(),
        ),
        TE.mapLeft(fromAppError()),
        TE.chainEitherK(
          O.match(
            () => E.left(unauthorized),
            ({ session, user }) =>
              E.right<ApiError, UserPrincipal>({
                kind: 'user',
                accountId: session.accountId,
                tokenId: session.id,
                user,
              }),
          ),
        ),
      );

/**
 * A user from their API token. With Basic `{email}/token`, the email must be one of the token's
 * user's addresses: a token is never used under another name.
 */
export const authenticateUser = (
  deps: AuthDeps,
  header: string | undefined,
): TE.TaskEither<ApiError, UserPrincipal> => {
  const presented = presentedCredentials(header);
  if (presented.kind !== 'bearer' && presented.kind !== 'email_token') return TE.left(unauthorized);
  if (presented.kind === 'bearer' && isPortalSessionToken(presented.token))
    return authenticatePortalUser(deps, presented.token);
  const email = presented.kind === 'email_token' ? normalizeEmail(presented.email) : undefined;
  // every request runs this: plain awaits, not combinators (docs/performance.md)
  return async () => {
    const authenticated = await authenticateApiToken(deps, presented.token)();
    if (E.isLeft(authenticated)) return E.left(fromAppError()(authenticated.left));
    if (O.isNone(authenticated.right)) return E.left(unauthorized);
    const { token, user } = authenticated.right.value;
    if (email !== undefined && !emailsOf(user).some((e) => normalizeEmail(e) === email))
      return E.left(unauthorized);
    return E.right({ kind: 'user', accountId: token.accountId, tokenId: token.id, user });
  };
};

/** The platform operator, by `Authorization: Bearer $HELPDESK_OPERATOR_TOKEN`. */
export const authenticateOperator = (
  configured: string,
  header: string | undefined,
): E.Either<ApiError, OperatorPrincipal> => {
  const presented = presentedCredentials(header);
  return presented.kind === 'bearer' && isOperatorToken(configured, presented.token)
    ? E.right({ kind: 'operator' })
    : E.left(unauthorized);
};
