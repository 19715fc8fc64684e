import type { SqlSession } from '@helpdesk/event-store';
import type { Begun, IdempotencyStore, StoredResponse } from './store';

const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export const defaultApiSchema = 'api';

const assertSchema = (schema: string): void => {
  if (!schemaNamePattern.test(schema))
    throw new Error(`API schema "${schema}" must be a lower-case identifier`);
};

/**
 * A key whose first request never finished (the process stopped mid-request) is taken over after
 * this long: the request appended everything or nothing, and a repeat decides again.
 */
const abandonedAfterSeconds = 300;

/**
 * How long a key holds its answer: a retry within a day gets the first answer, and after it the key
 * is free again. Keys older than that are deleted now and then, so the table does not grow forever.
 */
export const keyRetentionSeconds = 24 * 60 * 60;

/** At most one purge of expired keys per this long, by whichever request comes first. */
const purgeEveryMs = 10 * 60 * 1000;

export const idempotencyDdl = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status int,
  body jsonb,
  etag text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
`;

/** Creates the API's own tables (idempotency keys) if they are missing. */
export const installApiTables = async (
  session: SqlSession,
  schema = defaultApiSchema,
): Promise<void> => {
  assertSchema(schema);
  await session.exec(idempotencyDdl(schema));
};

interface KeyRow {
  readonly fingerprint: string;
  readonly status: number | null;
  readonly body: unknown;
  readonly etag: string | null;
}

export const sqlIdempotencyStore = (
  session: SqlSession,
  schema = defaultApiSchema,
): IdempotencyStore => {
  assertSchema(schema);
  const table = `${schema}.idempotency_keys`;
  const purgeExpired = async (): Promise<number> => {
    const { rows } = await session.query<{ purged: number }>(
      `WITH purged AS (
         DELETE FROM ${table}
         WHERE created_at < now() - make_interval(secs => ${keyRetentionSeconds})
         RETURNING 1)
       SELECT count(*)::int AS purged FROM purged`,
    );
    return rows[0]?.purged ?? 0;
  };
  let lastPurge = 0;
  return {
    begin: async (scope, key, fingerprint): Promise<Begun> => {
      if (Date.now() - lastPurge > purgeEveryMs) {
        lastPurge = Date.now();
        await purgeExpired();
      }
      // taken over: a key whose first request never finished, or one past its retention
      const inserted = await session.query<{ inserted: boolean }>(
        `INSERT INTO ${table} (scope, key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO UPDATE
           SET created_at = now(), fingerprint = EXCLUDED.fingerprint,
               status = NULL, body = NULL, etag = NULL
           WHERE (${table}.status IS NULL
                  AND ${table}.created_at < now() - make_interval(secs => ${abandonedAfterSeconds}))
              OR ${table}.created_at < now() - make_interval(secs => ${keyRetentionSeconds})
         RETURNING true AS inserted`,
        [scope, key, fingerprint],
      );
      if (inserted.rows.length > 0) return { kind: 'started' };
      const { rows } = await session.query<KeyRow>(
        `SELECT fingerprint, status, body, etag FROM ${table} WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const row = rows[0];
      if (row === undefined) return { kind: 'in_flight' }; // abandoned between the two statements
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.status === null) return { kind: 'in_flight' };
      return { kind: 'replay', response: { status: row.status, body: row.body, etag: row.etag } };
    },
    complete: async (scope, key, response: StoredResponse) => {
      await session.query(
        `UPDATE ${table} SET status = $3, body = $4::jsonb, etag = $5 WHERE scope = $1 AND key = $2`,
        [scope, key, response.status, JSON.stringify(response.body ?? null), response.etag],
      );
    },
    purgeExpired,
    abandon: async (scope, key) => {
      await session.query(`DELETE FROM ${table} WHERE scope = $1 AND key = $2 AND status IS NULL`, [
        scope,
        key,
      ]);
    },
  };
};
