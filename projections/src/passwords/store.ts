import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type {
  NewResetLink,
  PasswordHash,
  PortalCredentialStore,
  PortalSession,
  ResetLink,
  StartedReset,
} from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import { credentialsStatements, unavailable } from '../credentials/statements';
import { Int, IsoTimestamp, nullable } from '../read-model/row-codecs';
import { assertCredentialsSchema, defaultCredentialsSchema } from '../credentials/schema';

const PasswordRecord = t.type({
  algorithm: t.literal('scrypt'),
  salt: t.string,
  cost: Int,
  block_size: Int,
  parallelization: Int,
  hash: t.string,
});

const ResetLinkRecord = t.type({
  reset_id: t.string,
  account_id: t.string,
  user_id: t.string,
  started: t.boolean,
  expires_at: IsoTimestamp,
  used_at: nullable(IsoTimestamp),
});

const SessionRecord = t.type({
  id: t.string,
  account_id: t.string,
  user_id: t.string,
  token_hash: t.string,
  created_at: IsoTimestamp,
  expires_at: IsoTimestamp,
});

const ResetIdRecord = t.type({ reset_id: t.string });
const SpentRecord = t.type({ reset_id: t.string });

/** The application's `PortalCredentialStore` over PostgreSQL (or PGlite). */
export const sqlPortalCredentials = (
  session: SqlSession,
  schema = defaultCredentialsSchema,
): PortalCredentialStore => {
  assertCredentialsSchema(schema);
  const { read, write } = credentialsStatements(session);

  return {
    saveStartedReset: (reset: StartedReset) =>
      write(
        'save a password reset',
        `INSERT INTO ${schema}.password_resets
           (reset_id, account_id, user_id, started, requested_at)
         VALUES ($1, $2, $3, true, $4) ON CONFLICT (reset_id) DO NOTHING`,
        [reset.resetId, reset.accountId, reset.userId, reset.requestedAt.toISOString()],
      ),

    // The oldest started reset still waiting for its link gets this one, in the same statement
    // that finds it (two senders never pair one reset twice); without one, the link is a reset of
    // its own, minted for a mail that started none (a welcome mail).
    saveResetLink: (link: NewResetLink) =>
      pipe(
        TE.tryCatch(
          () =>
            session.query<unknown>(
              `WITH waiting AS (
                 SELECT reset_id FROM ${schema}.password_resets
                 WHERE account_id = $1 AND user_id = $2 AND token_hash IS NULL
                 ORDER BY requested_at, reset_id LIMIT 1 FOR UPDATE SKIP LOCKED
               ), paired AS (
                 UPDATE ${schema}.password_resets AS r
                 SET token_hash = $3, issued_at = $4, expires_at = $5
                 FROM waiting WHERE r.reset_id = waiting.reset_id
                 RETURNING r.reset_id
               ), own AS (
                 INSERT INTO ${schema}.password_resets
                   (reset_id, account_id, user_id, started, requested_at, token_hash, issued_at, expires_at)
                 SELECT $6, $1, $2, false, $4, $3, $4, $5
                 WHERE NOT EXISTS (SELECT 1 FROM paired)
                 RETURNING reset_id
               )
               SELECT reset_id::text AS reset_id FROM paired
               UNION ALL SELECT reset_id::text AS reset_id FROM own`,
              [
                link.accountId,
                link.userId,
                link.tokenHash,
                link.issuedAt.toISOString(),
                link.expiresAt.toISOString(),
                link.unpairedResetId,
              ],
            ),
          unavailable('save a password link'),
        ),
        TE.chain(({ rows }) => {
          const decoded = t.array(ResetIdRecord).decode(rows);
          const first = decoded._tag === 'Right' ? decoded.right[0] : undefined;
          return first === undefined
            ? TE.left(unavailable('save a password link')('no row was written'))
            : TE.right(first.reset_id);
        }),
      ),

    findResetLink: (tokenHash: string) =>
      pipe(
        read(
          ResetLinkRecord,
          'password links',
          `SELECT reset_id::text AS reset_id, account_id::text AS account_id,
             user_id::text AS user_id, started, expires_at, used_at
           FROM ${schema}.password_resets WHERE token_hash = $1`,
          [tokenHash],
        ),
        TE.map(
          O.map((r): ResetLink => ({
            resetId: r.reset_id,
            accountId: r.account_id,
            userId: r.user_id,
            started: r.started,
            expiresAt: new Date(r.expires_at),
            usedAt: r.used_at === null ? null : new Date(r.used_at),
          })),
        ),
      ),

    // One statement, so one transaction: the link is spent, the password set and the sessions
    // ended together, or nothing happens.
    useResetLink: (tokenHash: string, password: PasswordHash, now: Date) =>
      pipe(
        TE.tryCatch(
          () =>
            session.query<unknown>(
              `WITH spent AS (
                 UPDATE ${schema}.password_resets SET used_at = $2
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
                 RETURNING reset_id, account_id, user_id
               ), saved AS (
                 INSERT INTO ${schema}.passwords
                   (user_id, account_id, algorithm, salt, cost, block_size, parallelization, hash, set_at)
                 SELECT user_id, account_id, $3, $4, $5, $6, $7, $8, $2 FROM spent
                 ON CONFLICT (user_id) DO UPDATE SET
                   algorithm = EXCLUDED.algorithm, salt = EXCLUDED.salt, cost = EXCLUDED.cost,
                   block_size = EXCLUDED.block_size, parallelization = EXCLUDED.parallelization,
                   hash = EXCLUDED.hash, set_at = EXCLUDED.set_at
                 RETURNING user_id
               ), ended AS (
                 DELETE FROM ${schema}.portal_sessions
                 WHERE user_id IN (SELECT user_id FROM spent) RETURNING id
               )
               SELECT reset_id::text AS reset_id FROM spent`,
              [
                tokenHash,
                now.toISOString(),
                password.algorithm,
                password.salt,
                password.cost,
                password.blockSize,
                password.parallelization,
                password.hash,
              ],
            ),
          unavailable('set a password'),
        ),
        TE.map(({ rows }) => {
          const decoded = t.array(SpentRecord).decode(rows);
          return decoded._tag === 'Right' && decoded.right.length === 1;
        }),
      ),

    findPassword: (accountId: string, userId: string) =>
      pipe(
        read(
          PasswordRecord,
          'passwords',
          `SELECT algorithm, salt, cost, block_size, parallelization, hash
           FROM ${schema}.passwords WHERE user_id = $1 AND account_id = $2`,
          [userId, accountId],
        ),
        TE.map(
          O.map((r): PasswordHash => ({
            algorithm: r.algorithm,
            salt: r.salt,
            cost: r.cost,
            blockSize: r.block_size,
            parallelization: r.parallelization,
            hash: r.hash,
          })),
        ),
      ),

    saveSession: (portalSession: PortalSession) =>
      write(
        'open a portal session',
        // the user's expired sessions go as a new one comes: the table does not grow for ever
        `WITH expired AS (
           DELETE FROM ${schema}.portal_sessions WHERE user_id = $3 AND expires_at <= $5
         )
         INSERT INTO ${schema}.portal_sessions
           (id, account_id, user_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          portalSession.id,
          portalSession.accountId,
          portalSession.userId,
          portalSession.tokenHash,
          portalSession.createdAt.toISOString(),
          portalSession.expiresAt.toISOString(),
        ],
      ),

    findSession: (tokenHash: string, now: Date) =>
      pipe(
        read(
          SessionRecord,
          'portal sessions',
          `SELECT id::text AS id, account_id::text AS account_id, user_id::text AS user_id,
             token_hash, created_at, expires_at
           FROM ${schema}.portal_sessions WHERE token_hash = $1 AND expires_at > $2`,
          [tokenHash, now.toISOString()],
        ),
        TE.map(
          O.map((r): PortalSession => ({
            id: r.id,
            accountId: r.account_id,
            userId: r.user_id,
            tokenHash: r.token_hash,
            createdAt: new Date(r.created_at),
            expiresAt: new Date(r.expires_at),
          })),
        ),
      ),
  };
};
