import { createHash, randomBytes } from 'node:crypto';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ExistingUser } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import type { CommandDeps } from '../command/handle-command';
import type { CredentialStore, StoredApiToken } from '../ports/credentials';
import type { Caller } from '../use-cases/caller';
import { loadUser } from '../use-cases/lookups';

/**
 * API tokens are 256 random bits. A token that random cannot be guessed from its hash, so one
 * round of SHA-256 protects the stored copy as well as a slow password hash would, and lets a
 * request be authenticated by an indexed lookup of the hash (no per-user salt to find first).
 */
const tokenPrefix = 'hd_';

export const newApiToken = (): string => `${tokenPrefix}${randomBytes(32).toString('base64url')}`;

export const hashApiToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export interface TokenDeps extends CommandDeps {
  readonly credentials: CredentialStore;
  /** where tokens come from; 256 random bits when absent */
  readonly newToken?: () => string;
}

/** A token as issued: the only moment its value is known outside the caller's hands. */
export interface IssuedApiToken {
  readonly id: Uuid;
  readonly token: string;
  readonly userId: Uuid;
  readonly accountId: Uuid;
  readonly createdAt: Date;
}

const forbidden = (message: string): AppError =>
  domainRefusal({ kind: 'Forbidden', rule: null, message });

/**
 * Settled here (api.md): anyone may have a token of their own; an admin may issue one for an agent
 * or admin of the account, never for an end user; the system and operators issue them for anyone
 * (the owner's first token comes with the account).
 */
const mayIssueFor = (caller: Caller, user: ExistingUser): AppError | undefined => {
  const { actor } = caller;
  if (actor.type !== 'user' || actor.id === user.id) return undefined;
  if (actor.role !== 'admin') return forbidden('only admins issue tokens for other users');
  if (user.role === 'end-user') return forbidden('API tokens are for agents and admins');
  return undefined;
};

/** The user, unless `rule` refuses the caller their tokens. */
const unlessRefused =
  (rule: (caller: Caller, user: ExistingUser) => AppError | undefined, caller: Caller) =>
  (user: ExistingUser): TE.TaskEither<AppError, ExistingUser> => {
    const refusal = rule(caller, user);
    return refusal === undefined ? TE.right(user) : TE.left(refusal);
  };

/**
 * Listing and revoking: anyone their own tokens, an admin those of any user of the account (an
 * end user's too: revoking is how an admin stops a leaked token), the system and operators any.
 */
const mayManageTokensOf = (caller: Caller, user: ExistingUser): AppError | undefined => {
  const { actor } = caller;
  if (actor.type !== 'user' || actor.id === user.id || actor.role === 'admin') return undefined;
  return forbidden('only admins manage the tokens of other users');
};

/** A user of the caller's account whose tokens the caller may list and revoke. */
const tokenOwner = (
  deps: TokenDeps,
  caller: Caller,
  userId: Uuid,
): TE.TaskEither<AppError, ExistingUser> =>
  pipe(
    loadUser(deps.eventStore, caller.accountId, userId),
    TE.chain(unlessRefused(mayManageTokensOf, caller)),
  );

/** A token as listed: its id and owner, never its value nor its hash. */
export interface ListedApiToken {
  readonly id: Uuid;
  readonly userId: Uuid;
  readonly accountId: Uuid;
  readonly createdAt: Date;
}

/** The user's tokens, oldest first. */
export const listApiTokens = (
  deps: TokenDeps,
  caller: Caller,
  userId: Uuid,
): TE.TaskEither<AppError, ReadonlyArray<ListedApiToken>> =>
  pipe(
    tokenOwner(deps, caller, userId),
    TE.chainW(() => deps.credentials.listApiTokens(caller.accountId, userId)),
    TE.map((tokens) =>
      tokens.map(({ id, userId, accountId, createdAt }) => ({ id, userId, accountId, createdAt })),
    ),
  );

/**
 * Revokes one of the user's tokens: requests carrying it are refused from then on (by this
 * process at once; another process may accept it until its cache of found tokens forgets it).
 */
export const revokeApiToken = (
  deps: TokenDeps,
  caller: Caller,
  userId: Uuid,
  tokenId: Uuid,
): TE.TaskEither<AppError, void> =>
  pipe(
    tokenOwner(deps, caller, userId),
    TE.chainW(() => deps.credentials.revokeApiToken(caller.accountId, userId, tokenId)),
    TE.chain((revoked) =>
      revoked
        ? TE.right(undefined)
        : TE.left(
            domainRefusal({
              kind: 'NotFound',
              entity: 'api_token',
              message: `api_token ${tokenId} not found`,
            }),
          ),
    ),
  );

/** Issues a token for an active user of the caller's account; only its hash is stored. */
export const issueApiToken = (
  deps: TokenDeps,
  caller: Caller,
  userId: Uuid,
): TE.TaskEither<AppError, IssuedApiToken> =>
  pipe(
    loadUser(deps.eventStore, caller.accountId, userId),
    TE.filterOrElse(
      (user) => user.status === 'active',
      (user): AppError =>
        domainRefusal({
          kind: 'RuleViolation',
          rule: 'R3.5',
          message: `the user was ${user.status} and cannot sign in`,
        }),
    ),
    TE.chain(unlessRefused(mayIssueFor, caller)),
    TE.chainW(() => {
      const token = (deps.newToken ?? newApiToken)();
      const stored: StoredApiToken = {
        id: deps.ids.next(),
        accountId: caller.accountId,
        userId,
        tokenHash: hashApiToken(token),
        createdAt: deps.clock.now(),
      };
      return pipe(
        deps.credentials.saveApiToken(stored),
        TE.map((): IssuedApiToken => ({
          id: stored.id,
          token,
          userId,
          accountId: caller.accountId,
          createdAt: stored.createdAt,
        })),
      );
    }),
  );
