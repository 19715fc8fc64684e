import type * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { CredentialsUnavailable } from './credentials';

/**
 * A portal password as it is kept (R6.8): a slow, salted scrypt hash with its own parameters, so
 * that the parameters can be raised later without invalidating the passwords already set.
 */
export interface PasswordHash {
  readonly algorithm: 'scrypt';
  /** base64 of 16 random bytes, new each time a password is set */
  readonly salt: string;
  /** scrypt's cost (N), block size (r) and parallelisation (p) */
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
  /** base64 of the derived key */
  readonly hash: string;
}

/** A portal session: only the SHA-256 of its bearer token is kept. */
export interface PortalSession {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly userId: Uuid;
  /** lower-case hex SHA-256 of the token */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * A reset someone started (R6.7): `PasswordResetRequested` names it; its link is minted later, by
 * the mail sender, and is then paired with the oldest started reset of the user still waiting for one.
 */
export interface StartedReset {
  readonly resetId: Uuid;
  readonly accountId: Uuid;
  readonly userId: Uuid;
  readonly requestedAt: Date;
}

/** A single-use link as it is kept: the SHA-256 of its token, never the token. */
export interface ResetLink {
  readonly resetId: Uuid;
  readonly accountId: Uuid;
  readonly userId: Uuid;
  /** whether a `PasswordResetRequested` event names this reset (false: a welcome or trigger mail minted it) */
  readonly started: boolean;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface NewResetLink {
  readonly accountId: Uuid;
  readonly userId: Uuid;
  readonly tokenHash: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** the reset id the link gets when no started reset of the user is waiting for a link */
  readonly unpairedResetId: Uuid;
}

/**
 * Where portal secrets live, outside the event log (R6.8): password hashes, reset links and
 * sessions, each keyed by a hash. `projections` implements it over PostgreSQL
 * (`projections/src/passwords`), in the credentials schema.
 */
export interface PortalCredentialStore {
  readonly saveStartedReset: (reset: StartedReset) => TE.TaskEither<CredentialsUnavailable, void>;
  /** keeps a minted link's hash; answers the reset id it serves */
  readonly saveResetLink: (link: NewResetLink) => TE.TaskEither<CredentialsUnavailable, Uuid>;
  readonly findResetLink: (
    tokenHash: string,
  ) => TE.TaskEither<CredentialsUnavailable, O.Option<ResetLink>>;
  /**
   * In one step: spends the link if it is unused and unexpired at `now`, sets the user's password
   * and ends the user's portal sessions. False when the link was spent or expired meanwhile.
   */
  readonly useResetLink: (
    tokenHash: string,
    password: PasswordHash,
    now: Date,
  ) => TE.TaskEither<CredentialsUnavailable, boolean>;
  readonly findPassword: (
    accountId: Uuid,
    userId: Uuid,
  ) => TE.TaskEither<CredentialsUnavailable, O.Option<PasswordHash>>;
  readonly saveSession: (session: PortalSession) => TE.TaskEither<CredentialsUnavailable, void>;
  /** a session by its token's hash, while it has not expired at `now` */
  readonly findSession: (
    tokenHash: string,
    now: Date,
  ) => TE.TaskEither<CredentialsUnavailable, O.Option<PortalSession>>;
}
