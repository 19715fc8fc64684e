import { createHash, randomBytes } from 'node:crypto';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import type { Clock } from '../../ports/clock';
import type { CredentialsUnavailable } from '../../ports/credentials';

/**
 * The key a mail gateway presents (`X-Inbound-Key`) to post an account's inbound email. Settled
 * here: it is kept outside the event log, in the credentials schema, and in clear beside its
 * SHA-256, because admins must be able to read it again (`GET /channels/email`) to configure a
 * gateway; requests are matched by the hash. It can do one thing only (post mail as if it came by
 * SMTP), and an admin replaces it at once if it leaks (`POST /channels/email/inbound_key`).
 */
export interface InboundKey {
  readonly accountId: Uuid;
  readonly key: string;
  /** lower-case hex SHA-256 of the key */
  readonly keyHash: string;
  readonly createdAt: Date;
}

/** Where inbound keys live; `projections` implements it over PostgreSQL (`credentials`). */
export interface InboundKeyStore {
  /** the account's key; `fresh` becomes it when the account has none yet */
  readonly keyOf: (fresh: InboundKey) => TE.TaskEither<CredentialsUnavailable, InboundKey>;
  /** the account's key becomes `key`; the previous one stops working at once */
  readonly replace: (key: InboundKey) => TE.TaskEither<CredentialsUnavailable, void>;
  readonly accountOf: (keyHash: string) => TE.TaskEither<CredentialsUnavailable, O.Option<Uuid>>;
}

export interface InboundKeyDeps {
  readonly inboundKeys: InboundKeyStore;
  readonly clock: Clock;
  /** where keys come from; 256 random bits when absent */
  readonly newKey?: () => string;
}

export const hashInboundKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

const newInboundKey = (): string => `hdin_${randomBytes(32).toString('base64url')}`;

const freshKey = (deps: InboundKeyDeps, accountId: Uuid): InboundKey => {
  const key = (deps.newKey ?? newInboundKey)();
  return { accountId, key, keyHash: hashInboundKey(key), createdAt: deps.clock.now() };
};

/** The account's inbound key, made on first use. */
export const inboundKeyOf = (
  deps: InboundKeyDeps,
  accountId: Uuid,
): TE.TaskEither<AppError, InboundKey> => deps.inboundKeys.keyOf(freshKey(deps, accountId));

/** A new key for the account: the old one is refused from now on. */
export const rotateInboundKey = (
  deps: InboundKeyDeps,
  accountId: Uuid,
): TE.TaskEither<AppError, InboundKey> => {
  const key = freshKey(deps, accountId);
  return pipe(
    deps.inboundKeys.replace(key),
    TE.map(() => key),
  );
};

/** The account whose key this is; none for an unknown key. */
export const accountOfInboundKey = (
  deps: InboundKeyDeps,
  key: string,
): TE.TaskEither<AppError, O.Option<Uuid>> =>
  key.trim() === '' ? TE.right(O.none) : deps.inboundKeys.accountOf(hashInboundKey(key.trim()));
