import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { CredentialsUnavailable, InboundKey, InboundKeyStore } from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import { credentialsStatements, unavailable } from '../credentials/statements';
import { IsoTimestamp } from '../read-model/row-codecs';
import { assertCredentialsSchema, defaultCredentialsSchema } from '../credentials/schema';

const KeyRecord = t.type({
  account_id: t.string,
  key: t.string,
  key_hash: t.string,
  created_at: IsoTimestamp,
});

const AccountRecord = t.type({ account_id: t.string });

/** The application's `InboundKeyStore` over PostgreSQL (or PGlite). */
export const sqlInboundKeys = (
  session: SqlSession,
  schema = defaultCredentialsSchema,
): InboundKeyStore => {
  assertCredentialsSchema(schema);
  const { read, write } = credentialsStatements(session);
  const saved = (key: InboundKey) => [
    key.accountId,
    key.key,
    key.keyHash,
    key.createdAt.toISOString(),
  ];

  return {
    // two statements: of two first uses at once, the second keeps the first's key
    keyOf: (fresh) =>
      pipe(
        write(
          'save an inbound key',
          `INSERT INTO ${schema}.inbound_keys (account_id, key, key_hash, created_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO NOTHING`,
          saved(fresh),
        ),
        TE.chain(() =>
          read(
            KeyRecord,
            'inbound keys',
            `SELECT account_id::text AS account_id, key, key_hash, created_at
             FROM ${schema}.inbound_keys WHERE account_id = $1`,
            [fresh.accountId],
          ),
        ),
        TE.chain(
          O.match(
            () => TE.left(unavailable('read an inbound key')('it was not saved')),
            (row) =>
              TE.right<CredentialsUnavailable, InboundKey>({
                accountId: row.account_id,
                key: row.key,
                keyHash: row.key_hash,
                createdAt: new Date(row.created_at),
              }),
          ),
        ),
      ),
    replace: (key) =>
      write(
        'replace an inbound key',
        `INSERT INTO ${schema}.inbound_keys (account_id, key, key_hash, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id)
         DO UPDATE SET key = EXCLUDED.key, key_hash = EXCLUDED.key_hash, created_at = EXCLUDED.created_at`,
        saved(key),
      ),
    accountOf: (keyHash) =>
      pipe(
        read(
          AccountRecord,
          'inbound keys',
          `SELECT account_id::text AS account_id FROM ${schema}.inbound_keys WHERE key_hash = $1`,
          [keyHash],
        ),
        TE.map(O.map((row) => row.account_id)),
      ),
  };
};
