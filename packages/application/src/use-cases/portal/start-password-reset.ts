import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  emailsOf,
  primaryEmailOf,
  userDecider,
  type ExistingUser,
  type RequestPasswordReset,
} from '@helpdesk/domain';
import { normalizeEmail, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import type { Outbox } from '../../ports/outbox';
import type { PortalCredentialStore } from '../../ports/portal-credentials';
import type { Caller } from '../caller';
import { onUserStream } from '../act-on-user';
import { loadUser } from '../lookups';
import { resetEmailFor } from './reset-email';

export interface PortalDeps extends CommandDeps {
  readonly portal: PortalCredentialStore;
  readonly outbox: Outbox;
}

export interface StartedPasswordReset {
  readonly resetId: Uuid;
  /** the id of the queued mail */
  readonly emailId: Uuid;
  /** the position of `PasswordResetRequested` in the log */
  readonly position: bigint | undefined;
}

/** The address the link goes to: the one asked for if it is the user's, else the primary one. */
const recipientOf = (user: ExistingUser, asked: string | undefined): E.Either<AppError, string> => {
  const addresses = emailsOf(user);
  const chosen =
    asked === undefined
      ? (primaryEmailOf(user) ?? addresses[0])
      : addresses.find((a) => normalizeEmail(a) === normalizeEmail(asked));
  return chosen === undefined
    ? E.left(
        domainRefusal({
          kind: 'RuleViolation',
          rule: 'R6.7',
          message: 'the user has no email address to send the password link to',
        }),
      )
    : E.right(chosen);
};

/**
 * R6.7: a portal password reset, started by an end user for themself, an agent or admin for an end
 * user, or the system for the forgot-password form. Records `PasswordResetRequested` (no secret in
 * it), keeps the started reset so that the link the sender mints is paired with it, and queues the
 * reset mail with `{{portal.password_link}}` left for the sender (R6.8). A refusal appends nothing.
 */
export const startPasswordReset = (
  deps: PortalDeps,
  caller: Caller,
  userId: Uuid,
  options: { readonly to?: string } = {},
): TE.TaskEither<AppError, StartedPasswordReset> => {
  const resetId = deps.ids.next();
  const command: RequestPasswordReset = {
    type: 'RequestPasswordReset',
    userId,
    actor: caller.actor,
    resetId,
  };
  return pipe(
    loadUser(deps.eventStore, caller.accountId, userId),
    // decided before anything is written, so that a refused reset leaves nothing behind
    TE.chainFirstEitherK((user) =>
      pipe(userDecider.decide(command, user), E.mapLeft(domainRefusal)),
    ),
    TE.chainEitherK((user) =>
      pipe(
        recipientOf(user, options.to),
        E.map((to) => ({ user, to })),
      ),
    ),
    TE.chain(({ user, to }) =>
      pipe(
        onUserStream(deps, caller, userId, command, {}),
        TE.chain((result) => {
          const requested = result.events[0];
          if (requested === undefined)
            return TE.left<AppError>({
              kind: 'StoreUnavailable',
              message: 'the password reset was decided but nothing was recorded',
            });
          return pipe(
            deps.portal.saveStartedReset({
              resetId,
              accountId: caller.accountId,
              userId,
              requestedAt: deps.clock.now(),
            }),
            TE.chainW(() => TE.fromEither(resetEmailFor(user, to, requested.id))),
            TE.chainFirstW((mail) => deps.outbox.enqueue([mail])),
            TE.map((mail): StartedPasswordReset => ({
              resetId,
              emailId: mail.id,
              position: result.position,
            })),
          );
        }),
      ),
    ),
  );
};
