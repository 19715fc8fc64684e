import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { Client, type QueryResultRow } from 'pg';
import type { EventToAppend } from '../../port';
import type { SqlSession } from '../sql-client';

/** An append whose transaction is still open: it has its position, nobody else can see it yet. */
export interface HeldAppend {
  readonly position: bigint;
  readonly commit: () => Promise<void>;
}

const appendInSession = async (
  session: SqlSession,
  schema: string,
  streamName: string,
  event: EventToAppend,
): Promise<bigint> => {
  const { rows } = await session.query<{ last_position: string }>(
    `SELECT last_position::text AS last_position FROM ${schema}.append_events($1, $2)`,
    [
      JSON.stringify([{ k: 0, s: streamName, x: 'any' }]),
      JSON.stringify([
        { k: 0, o: 0, i: event.id, t: event.type, d: event.data, m: event.metadata },
      ]),
    ],
  );
  return BigInt(rows[0]!.last_position);
};

/** On a server: a connection of its own, BEGIN, append, and COMMIT only when told. */
export const holdOnServer =
  (connectionString: string) =>
  async (schema: string, streamName: string, event: EventToAppend): Promise<HeldAppend> => {
    const client = new Client({ connectionString });
    await client.connect();
    await client.query('BEGIN');
    const position = await appendInSession(
      {
        query: <Row>(text: string, params?: unknown[]) =>
          client.query<Row & QueryResultRow>(text, params),
        exec: (script) => client.query(script),
      },
      schema,
      streamName,
      event,
    );
    return {
      position,
      commit: async () => {
        await client.query('COMMIT');
        await client.end();
      },
    };
  };

/**
 * On PGlite, one session serves everyone: a transaction left open makes every other statement,
 * the store's appends and reads included, wait until it ends. That is the interleaving PGlite
 * allows, and what this holds.
 */
export const holdOnPglite =
  (db: PGlite) =>
  async (schema: string, streamName: string, event: EventToAppend): Promise<HeldAppend> => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let positionOf: (position: bigint) => void = () => undefined;
    const appended = new Promise<bigint>((resolve) => (positionOf = resolve));
    const transaction = db.transaction(async (tx) => {
      positionOf(await appendInSession(tx, schema, streamName, event));
      await released;
    });
    const position = await Promise.race([appended, transaction.then(() => -1n)]);
    return {
      position,
      commit: async () => {
        release();
        await transaction;
      },
    };
  };
