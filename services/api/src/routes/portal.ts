import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import {
  completePasswordReset,
  forgotPortalPassword,
  openPortalSession,
  startPasswordReset,
  type PasswordResetError,
} from '@helpdesk/application';
import type { DomainError } from '@helpdesk/domain';
import { Uuid } from '@helpdesk/events';
import type { ApiEnv } from '../env';
import { fromAppError, type ApiError } from '../http/errors';
import { reply } from '../http/reply';
import { everyone, publicRoute, userRoute, type Route } from '../http/route';
import { IdParam } from './params';
import { mayView } from './users-in-view';

/**
 * Which account a portal form is for: the portal routes carry no credentials, and an address is
 * unique only within one account (R5.2), so the portal names its account in the query string.
 */
const AccountQuery = t.type({ account_id: Uuid });

const SignIn = t.type({ email: t.string, password: t.string });
const Forgot = t.type({ email: t.string });
const NewPassword = t.type({ token: t.string, password: t.string });

const refusal = (error: DomainError, field: string): ApiError => ({
  kind: 'App',
  error: { kind: 'DomainRefusal', error },
  field,
});

/** Settled here (api.md leaves it open): unknown 422, used 409, expired 410; the rest as usual. */
const resetFailure = (error: PasswordResetError): ApiError => {
  switch (error.kind) {
    case 'ResetLinkUnknown':
      return refusal(
        { kind: 'RuleViolation', rule: 'R6.8', message: 'this password link is not valid' },
        'token',
      );
    case 'ResetLinkUsed':
      return refusal(
        {
          kind: 'AlreadyExists',
          entity: 'password',
          message: 'this password link was used already: ask for a new one',
        },
        'token',
      );
    case 'ResetLinkExpired':
      return { kind: 'Gone', description: 'this password link has expired: ask for a new one' };
    default:
      return fromAppError((e) =>
        e.kind === 'RuleViolation' && e.rule === 'R6.8' ? 'password' : 'base',
      )(error);
  }
};

/**
 * The portal's own forms (R6.7, R6.8): sign in, forgot password, set a password through a link;
 * and an agent (or the end user themself) starting a reset. Passwords and tokens pass through
 * these handlers and nowhere else: no log line, event or read model holds them.
 */
export const portalRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  publicRoute({
    method: 'post',
    path: '/portal/session',
    query: AccountQuery,
    body: SignIn,
    handle: ({ query, body }) =>
      pipe(
        openPortalSession(env.portal, query.account_id, body.email, body.password),
        TE.mapLeft(fromAppError()),
        TE.chain(
          O.match(
            // the same answer for an unknown address, a wrong password and a user who cannot sign in
            () => TE.left<ApiError>({ kind: 'Unauthorized' }),
            (session) =>
              TE.right(
                reply(200, { token: session.token, expires_at: session.expiresAt.toISOString() }),
              ),
          ),
        ),
      ),
  }),

  publicRoute({
    method: 'post',
    path: '/portal/password/forgot',
    query: AccountQuery,
    body: Forgot,
    handle: ({ query, body, requestId }) =>
      pipe(
        forgotPortalPassword(env.portal, query.account_id, body.email, requestId),
        TE.bimap(fromAppError(), () => reply(202, {})),
      ),
  }),

  publicRoute({
    method: 'post',
    path: '/portal/password/reset',
    body: NewPassword,
    handle: ({ body, requestId }) =>
      pipe(
        completePasswordReset(env.portal, body.token, body.password, requestId),
        TE.bimap(resetFailure, (completed) => {
          env.portal.sessionsEnded(completed.userId);
          return reply(204, null);
        }),
      ),
  }),

  userRoute({
    method: 'post',
    path: '/users/:id/password/reset',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, caller, params }) =>
      pipe(
        // end users reach only themselves; another user is not found to them
        mayView(principal, params.id),
        TE.chain(() =>
          pipe(startPasswordReset(env.portal, caller, params.id), TE.mapLeft(fromAppError())),
        ),
        TE.map(() => reply(202, {})),
      ),
  }),
];
