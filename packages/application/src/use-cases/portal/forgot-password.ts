import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import type { Caller } from '../caller';
import { portalUserByEmail } from './portal-user';
import { startPasswordReset, type PortalDeps } from './start-password-reset';

/** What the forgot-password form did; the caller answers the same either way. */
export type ForgotPasswordOutcome =
  { readonly kind: 'reset_started'; readonly resetId: Uuid } | { readonly kind: 'nothing_to_do' };

const nothingToDo: ForgotPasswordOutcome = { kind: 'nothing_to_do' };

/**
 * R6.7, the end user's side: the forgot-password form. When `email` is an address of an active end
 * user of the account, a reset is started in the system's name and the mail goes to that address;
 * otherwise nothing happens. The answer must not tell the two apart (api.md: 202 always), so the
 * outcome is for logs and tests only.
 */
export const forgotPortalPassword = (
  deps: PortalDeps,
  accountId: Uuid,
  email: string,
  requestId: string,
): TE.TaskEither<AppError, ForgotPasswordOutcome> => {
  const system: Caller = {
    accountId,
    actor: { type: 'system' },
    correlationId: requestId,
    causationId: null,
    channel: 'portal',
  };
  return pipe(
    portalUserByEmail(deps, accountId, email),
    TE.chain(
      O.match(
        () => TE.right(nothingToDo),
        (user) =>
          pipe(
            startPasswordReset(deps, system, user.id, { to: email }),
            TE.map(({ resetId }): ForgotPasswordOutcome => ({ kind: 'reset_started', resetId })),
          ),
      ),
    ),
  );
};
