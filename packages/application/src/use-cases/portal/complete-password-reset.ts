import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { checkPortalPassword, type ExistingUser } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import { hashApiToken } from '../../credentials/api-tokens';
import { hashPortalPassword } from '../../credentials/portal-passwords';
import type { PortalCredentialStore, ResetLink } from '../../ports/portal-credentials';
import { onUserStream } from '../act-on-user';
import type { Caller } from '../caller';
import { loadUser } from '../lookups';

/** Why a password link sets nothing: it was never minted, it was used, or its hour is over. */
export type ResetLinkRefusal =
  | { readonly kind: 'ResetLinkUnknown' }
  | { readonly kind: 'ResetLinkUsed' }
  | { readonly kind: 'ResetLinkExpired' };

export type PasswordResetError = AppError | ResetLinkRefusal;

export interface CompletedPasswordReset {
  readonly userId: Uuid;
  readonly resetId: Uuid;
  readonly position: bigint | undefined;
}

const refusedLink = (link: ResetLink, now: Date): ResetLinkRefusal | undefined => {
  if (link.usedAt !== null) return { kind: 'ResetLinkUsed' };
  if (link.expiresAt.getTime() <= now.getTime()) return { kind: 'ResetLinkExpired' };
  return undefined;
};

/** Another use of the same link got there first, or its hour ran out meanwhile: say which. */
const raceLost = (
  portal: PortalCredentialStore,
  tokenHash: string,
  now: Date,
): TE.TaskEither<PasswordResetError, never> =>
  pipe(
    portal.findResetLink(tokenHash),
    TE.chainW((found) =>
      TE.left<PasswordResetError>(
        (O.isSome(found) ? refusedLink(found.value, now) : undefined) ?? { kind: 'ResetLinkUsed' },
      ),
    ),
  );

/** Only an active end user has a portal password (R3.5, R6.7). */
const mayHavePassword = (user: ExistingUser): E.Either<AppError, ExistingUser> => {
  if (user.status !== 'active')
    return E.left(
      domainRefusal({
        kind: 'RuleViolation',
        rule: 'R3.5',
        message: `the user was ${user.status} and cannot sign in`,
      }),
    );
  if (user.role !== 'end-user')
    return E.left(
      domainRefusal({
        kind: 'RuleViolation',
        rule: 'R6.7',
        message: 'portal passwords are for end users',
      }),
    );
  return E.right(user);
};

/**
 * The audit of a completed reset (R6.7, R6.8), without any secret: `PasswordResetCompleted`, after
 * `PasswordResetRequested` in the system's name when the link came with a mail that started no
 * reset itself (a welcome or trigger mail). Both are no-ops when recorded before.
 */
const recordCompletion = (
  deps: CommandDeps,
  caller: Caller,
  link: ResetLink,
): TE.TaskEither<AppError, bigint | undefined> =>
  pipe(
    link.started
      ? TE.right<AppError, unknown>(undefined)
      : onUserStream(
          deps,
          { ...caller, actor: { type: 'system' } },
          link.userId,
          {
            type: 'RequestPasswordReset',
            userId: link.userId,
            actor: { type: 'system' },
            resetId: link.resetId,
          },
          {},
        ),
    TE.chain(() =>
      onUserStream(
        deps,
        caller,
        link.userId,
        { type: 'CompletePasswordReset', userId: link.userId, resetId: link.resetId },
        {},
      ),
    ),
    TE.map((result) => result.position),
  );

/**
 * R6.8: sets an end user's portal password through a single-use, expiring link. The link is
 * checked, the password checked against the policy and hashed, and then, in one step of the
 * credential store, the link is spent, the password set and the user's other portal sessions ended.
 * Refused links and passwords change nothing. The password and the token exist only in this call.
 */
export const completePasswordReset = (
  deps: CommandDeps & { readonly portal: PortalCredentialStore },
  token: string,
  password: string,
  requestId: string,
): TE.TaskEither<PasswordResetError, CompletedPasswordReset> => {
  const tokenHash = hashApiToken(token);
  const now = deps.clock.now();
  return pipe(
    deps.portal.findResetLink(tokenHash),
    TE.chainW(
      O.match(
        () => TE.left<PasswordResetError, ResetLink>({ kind: 'ResetLinkUnknown' }),
        (link) => {
          const refusal = refusedLink(link, now);
          return refusal === undefined ? TE.right(link) : TE.left(refusal);
        },
      ),
    ),
    TE.chainFirstW((link) =>
      pipe(
        loadUser(deps.eventStore, link.accountId, link.userId),
        TE.chainEitherK(mayHavePassword),
      ),
    ),
    TE.chainFirstW(() =>
      TE.fromEither(pipe(checkPortalPassword(password), E.mapLeft(domainRefusal))),
    ),
    TE.chainW((link) =>
      pipe(
        hashPortalPassword(password),
        TE.chain((hash) => deps.portal.useResetLink(tokenHash, hash, now)),
        TE.chainW((spent) =>
          spent ? TE.right(link) : raceLost(deps.portal, tokenHash, deps.clock.now()),
        ),
      ),
    ),
    TE.chainW((link) => {
      const caller: Caller = {
        accountId: link.accountId,
        actor: { type: 'user', id: link.userId, role: 'end-user' },
        correlationId: requestId,
        causationId: null,
        channel: 'portal',
      };
      return pipe(
        recordCompletion(deps, caller, link),
        TE.map((position) => ({ userId: link.userId, resetId: link.resetId, position })),
      );
    }),
  );
};
