import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import { selectOne, selectRows } from '../read-model/query';
import { IsoTimestamp } from '../read-model/row-codecs';
import { portalCredentialsDdl } from '../passwords/schema';
import { inboundKeysDdl } from '../inbound-keys/schema';
import { assertCredentialsSchema, credentialsDdl, defaultCredentialsSchema } from './schema';
import { unavailable } from './statements';

/**
 * The SQL side of the application's `CredentialStore` port (`@helpdesk/application`, ports). This
 * package does not depend on the application, so the shapes are repeated here; the services that
 * wire the two check that they fit.
 */
export interface ApiTokenRow {
  readonly id: string;
  readonly accountId: string;
  readonly userId: string;
  readonly tokenHash: string;
  readonly createdAt: Date;
}

export interface CredentialsUnavailable {
  readonly kind: 'StoreUnavailable';
  readonly message: string;
  readonly cause?: unknown;
}

const TokenRecord = t.type({
  id: t.string,
  account_id: t.string,
  user_id: t.string,
  token_hash: t.string,
  created_at: IsoTimestamp,
});

const tokenColumns = `id::text AS id, account_id::text AS account_id, user_id::text AS user_id,
  token_hash, created_at`;

const tokenRow = (r: t.TypeOf<typeof TokenRecord>): ApiTokenRow => ({
  id: r.id,
  accountId: r.account_id,
  userId: r.user_id,
  tokenHash: r.token_hash,
  createdAt: new Date(r.created_at),
});

/** Creates the credentials schema and tables if they are missing. */
export const installCredentials = async (
  session: SqlSession,
  schema = defaultCredentialsSchema,
): Promise<void> => {
  assertCredentialsSchema(schema);
  await session.exec(credentialsDdl(schema));
  await session.exec(portalCredentialsDdl(schema));
  await session.exec(inboundKeysDdl(schema));
};

export const sqlCredentials = (session: SqlSession, schema = defaultCredentialsSchema) => {
  assertCredentialsSchema(schema);
  return {
    saveApiToken: (token: ApiTokenRow): TE.TaskEither<CredentialsUnavailable, void> =>
      TE.tryCatch(async () => {
        await session.query(
          `INSERT INTO ${schema}.api_tokens (id, account_id, user_id, token_hash, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [token.id, token.accountId, token.userId, token.tokenHash, token.createdAt.toISOString()],
        );
      }, unavailable('save an API token')),
    findApiToken: (
      tokenHash: string,
    ): TE.TaskEither<CredentialsUnavailable, O.Option<ApiTokenRow>> =>
      pipe(
        selectOne(TokenRecord, 'API tokens')(
          session,
          `SELECT ${tokenColumns} FROM ${schema}.api_tokens WHERE token_hash = $1`,
          [tokenHash],
        ),
        TE.mapLeft((error) => unavailable('read API tokens')(error.message)),
        TE.map(O.map(tokenRow)),
      ),
    listApiTokens: (
      accountId: string,
      userId: string,
    ): TE.TaskEither<CredentialsUnavailable, ReadonlyArray<ApiTokenRow>> =>
      pipe(
        selectRows(TokenRecord, 'API tokens')(
          session,
          `SELECT ${tokenColumns} FROM ${schema}.api_tokens
           WHERE account_id = $1 AND user_id = $2 ORDER BY created_at, id`,
          [accountId, userId],
        ),
        TE.mapLeft((error) => unavailable('read API tokens')(error.message)),
        TE.map((rows) => rows.map(tokenRow)),
      ),
    revokeApiToken: (
      accountId: string,
      userId: string,
      tokenId: string,
    ): TE.TaskEither<CredentialsUnavailable, boolean> =>
      TE.tryCatch(async () => {
        const deleted = await session.query(
          `DELETE FROM ${schema}.api_tokens WHERE id = $1 AND account_id = $2 AND user_id = $3
           RETURNING id`,
          [tokenId, accountId, userId],
        );
        return deleted.rows.length > 0;
      }, unavailable('revoke an API token')),
  };
};
