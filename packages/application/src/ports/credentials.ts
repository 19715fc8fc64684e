import type * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';

/**
 * An API token as the credentials store keeps it: never the token, only its SHA-256 (secrets
 * never enter the event log, and the credentials table never holds a usable secret either).
 */
export interface StoredApiToken {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly userId: Uuid;
  /** lower-case hex SHA-256 of the token */
  readonly tokenHash: string;
  readonly createdAt: Date;
}

/** The credentials store could not be reached; the same shape as the event store's failure. */
export interface CredentialsUnavailable {
  readonly kind: 'StoreUnavailable';
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * Where secrets live, outside the event log (architecture.md, "Events"). `projections` implements it
 * over PostgreSQL (`projections/src/credentials`).
 */
export interface CredentialStore {
  readonly saveApiToken: (token: StoredApiToken) => TE.TaskEither<CredentialsUnavailable, void>;
  readonly findApiToken: (
    tokenHash: string,
  ) => TE.TaskEither<CredentialsUnavailable, O.Option<StoredApiToken>>;
  /** a user's tokens in an account, oldest first */
  readonly listApiTokens: (
    accountId: Uuid,
    userId: Uuid,
  ) => TE.TaskEither<CredentialsUnavailable, ReadonlyArray<StoredApiToken>>;
  /** deletes a user's token; `false` when that user has no token of that id in the account */
  readonly revokeApiToken: (
    accountId: Uuid,
    userId: Uuid,
    tokenId: Uuid,
  ) => TE.TaskEither<CredentialsUnavailable, boolean>;
}
