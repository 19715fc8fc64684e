import type * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { CredentialsUnavailable } from './credentials';

/** A single-use password link just minted: the token exists in clear only here and in the email. */
export interface IssuedPasswordReset {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Single-use, expiring password links (R6.7, R6.8). The store keeps only a hash of each token; the
 * mail sender mints one when it sends an email whose body asks for `{{portal.password_link}}`, so
 * the token never rests in the outbox, the log, the read models or the logs.
 */
export interface PasswordResets {
  readonly issue: (
    accountId: Uuid,
    userId: Uuid,
    now: Date,
  ) => TE.TaskEither<CredentialsUnavailable, IssuedPasswordReset>;
}
