import { randomBytes } from 'node:crypto';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import { hashApiToken } from '../../credentials/api-tokens';
import { decoyPasswordHash, verifyPortalPassword } from '../../credentials/portal-passwords';
import type { PasswordHash, PortalCredentialStore } from '../../ports/portal-credentials';
import type { CommandDeps } from '../../command/handle-command';
import { portalUserByEmail } from './portal-user';

/** How long a portal session lasts: a working day; then the end user signs in again. */
export const portalSessionLifetimeMs = 12 * 60 * 60 * 1000;

/** Portal session tokens are told from API tokens by their prefix, so one lookup serves a request. */
export const portalSessionPrefix = 'hdp_';

export const newPortalSessionToken = (): string =>
  `${portalSessionPrefix}${randomBytes(32).toString('base64url')}`;

export const isPortalSessionToken = (token: string): boolean =>
  token.startsWith(portalSessionPrefix);

export interface OpenedPortalSession {
  readonly token: string;
  readonly sessionId: Uuid;
  readonly userId: Uuid;
  readonly expiresAt: Date;
}

export interface SessionDeps extends CommandDeps {
  readonly portal: PortalCredentialStore;
  /** where session tokens come from; 256 random bits when absent */
  readonly newToken?: () => string;
}

/** The portal user holding `email` and their password, when both exist. */
const portalUserWithPassword = (
  deps: SessionDeps,
  accountId: Uuid,
  email: string,
): TE.TaskEither<AppError, O.Option<{ readonly userId: Uuid; readonly password: PasswordHash }>> =>
  pipe(
    portalUserByEmail(deps, accountId, email),
    TE.chain(
      O.match(
        () => TE.right<AppError, O.Option<{ userId: Uuid; password: PasswordHash }>>(O.none),
        (user) =>
          pipe(
            deps.portal.findPassword(accountId, user.id),
            TE.map(O.map((password) => ({ userId: user.id, password }))),
          ),
      ),
    ),
  );

/**
 * Signs an end user in to the portal with their email and password (R6.8). None for an unknown
 * address, a user who cannot use the portal, one without a password, or a wrong password: the
 * caller cannot tell which, and each takes one password check's time (a decoy hash stands in).
 */
export const openPortalSession = (
  deps: SessionDeps,
  accountId: Uuid,
  email: string,
  password: string,
): TE.TaskEither<AppError, O.Option<OpenedPortalSession>> =>
  pipe(
    portalUserWithPassword(deps, accountId, email),
    TE.chainW((found) =>
      pipe(
        O.isSome(found) ? TE.right(found.value.password) : decoyPasswordHash(),
        TE.chain((hash) => verifyPortalPassword(password, hash)),
        TE.map((matches) => (matches && O.isSome(found) ? O.some(found.value.userId) : O.none)),
      ),
    ),
    TE.chainW(
      O.match(
        () => TE.right(O.none),
        (userId) => {
          const token = (deps.newToken ?? newPortalSessionToken)();
          const createdAt = deps.clock.now();
          const session = {
            id: deps.ids.next(),
            accountId,
            userId,
            tokenHash: hashApiToken(token),
            createdAt,
            expiresAt: new Date(createdAt.getTime() + portalSessionLifetimeMs),
          };
          return pipe(
            deps.portal.saveSession(session),
            TE.map(() =>
              O.some({ token, sessionId: session.id, userId, expiresAt: session.expiresAt }),
            ),
          );
        },
      ),
    ),
  );
