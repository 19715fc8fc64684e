import { randomBytes } from 'node:crypto';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { IdGenerator } from '../ports/id-generator';
import type { PasswordResets } from '../ports/password-resets';
import type { PortalCredentialStore } from '../ports/portal-credentials';
import { hashApiToken } from './api-tokens';

/**
 * How long a password link works once minted (R6.8: single-use and expiring): one hour, counted
 * from when the mail is sent, which is when the link is minted.
 */
export const resetLinkLifetimeMs = 60 * 60 * 1000;

/** 256 random bits, base64url: as unguessable as an API token, so one SHA-256 protects it too. */
export const newResetToken = (): string => randomBytes(32).toString('base64url');

/**
 * `PasswordResets` over the portal credential store: the mail sender calls `issue` when it sends a
 * mail that carries `{{portal.password_link}}`. The token is returned once and only its hash kept.
 */
export const passwordResetLinks = (deps: {
  readonly store: PortalCredentialStore;
  readonly ids: IdGenerator;
  /** where tokens come from; 256 random bits when absent */
  readonly newToken?: () => string;
}): PasswordResets => ({
  issue: (accountId, userId, now) => {
    const token = (deps.newToken ?? newResetToken)();
    const expiresAt = new Date(now.getTime() + resetLinkLifetimeMs);
    return pipe(
      deps.store.saveResetLink({
        accountId,
        userId,
        tokenHash: hashApiToken(token),
        issuedAt: now,
        expiresAt,
        unpairedResetId: deps.ids.next(),
      }),
      TE.map(() => ({ token, expiresAt })),
    );
  },
});
