import type { SqlSession } from '@helpdesk/event-store';
import type { ProjectedEvent, Projection } from '../projection';

/**
 * Small projections for the runtime's own tests, independent of the real read models. Both write
 * set-based, one statement per table per batch, like the real ones must.
 */

/**
 * `ledger`: one row per event it reads, keyed by position. A second application of any event
 * breaks the primary key, and a lost one leaves a hole: exactly-once is checked row by row.
 */
export const ledgerProjection: Projection = {
  name: 'ledger',
  filter: { streamPrefixes: ['ticket-', 'user-'] },
  tables: ['ledger'],
  schema: `CREATE TABLE IF NOT EXISTS ledger (
    position bigint PRIMARY KEY,
    stream text NOT NULL,
    type text NOT NULL,
    recorded_at timestamptz NOT NULL
  );`,
  views: `CREATE OR REPLACE VIEW ledger_types AS SELECT type, count(*) AS events FROM ledger GROUP BY type;`,
  apply: async (session, events) => {
    await session.query(
      `INSERT INTO ledger (position, stream, type, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[])`,
      [
        events.map((e) => e.globalPosition.toString()),
        events.map((e) => e.streamName),
        events.map((e) => e.event.type),
        events.map((e) => e.recordedAt.toISOString()),
      ],
    );
  },
};

interface TicketTally {
  events: number;
  comments: number;
  status: string | null;
  lastPosition: bigint;
}

const tally = (events: ReadonlyArray<ProjectedEvent>): Map<string, TicketTally> => {
  const tickets = new Map<string, TicketTally>();
  for (const { event, globalPosition } of events) {
    if (!('ticket_id' in event.data)) continue;
    const id = event.data.ticket_id;
    const row = tickets.get(id) ?? { events: 0, comments: 0, status: null, lastPosition: 0n };
    row.events += 1;
    row.lastPosition = globalPosition;
    if (event.type === 'CommentAdded') row.comments += 1;
    if (event.type === 'TicketCreated' || event.type === 'TicketStatusChanged')
      row.status = event.data.status;
    tickets.set(id, row);
  }
  return tickets;
};

const upsertTallies = (session: SqlSession, tickets: Map<string, TicketTally>) => {
  const rows = [...tickets.entries()];
  return session.query(
    `INSERT INTO ticket_tallies (ticket_id, events, comments, status, last_position)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::bigint[])
     ON CONFLICT (ticket_id) DO UPDATE SET
       events = ticket_tallies.events + excluded.events,
       comments = ticket_tallies.comments + excluded.comments,
       status = coalesce(excluded.status, ticket_tallies.status),
       last_position = excluded.last_position`,
    [
      rows.map(([id]) => id),
      rows.map(([, t]) => t.events),
      rows.map(([, t]) => t.comments),
      rows.map(([, t]) => t.status),
      rows.map(([, t]) => t.lastPosition.toString()),
    ],
  );
};

/** `ticket_tallies`: per ticket, events and comments counted, its status; tickets only. */
export const ticketTalliesProjection: Projection = {
  name: 'ticket_tallies',
  filter: { streamPrefixes: ['ticket-'] },
  tables: ['ticket_tallies'],
  schema: `CREATE TABLE IF NOT EXISTS ticket_tallies (
    ticket_id uuid PRIMARY KEY,
    events int NOT NULL,
    comments int NOT NULL,
    status text,
    last_position bigint NOT NULL
  );`,
  indexes: `CREATE INDEX IF NOT EXISTS ticket_tallies_by_status ON ticket_tallies (status);`,
  views: `CREATE OR REPLACE VIEW ticket_statuses AS
    SELECT status, count(*) AS tickets FROM ticket_tallies GROUP BY status;`,
  apply: async (session, events) => {
    const tickets = tally(events);
    if (tickets.size > 0) await upsertTallies(session, tickets);
  },
};

/** `user_verifications`: users only, so it skips every ticket event. */
export const userVerificationsProjection: Projection = {
  name: 'user_verifications',
  filter: { streamPrefixes: ['user-'] },
  tables: ['user_verifications'],
  schema: `CREATE TABLE IF NOT EXISTS user_verifications (
    user_id uuid PRIMARY KEY,
    times int NOT NULL
  );`,
  apply: async (session, events) => {
    const counts = new Map<string, number>();
    for (const { event } of events)
      if (event.type === 'UserVerified')
        counts.set(event.data.user_id, (counts.get(event.data.user_id) ?? 0) + 1);
    if (counts.size === 0) return;
    await session.query(
      `INSERT INTO user_verifications (user_id, times)
       SELECT * FROM unnest($1::uuid[], $2::int[])
       ON CONFLICT (user_id) DO UPDATE SET times = user_verifications.times + excluded.times`,
      [[...counts.keys()], [...counts.values()]],
    );
  },
};

export const testProjections: ReadonlyArray<Projection> = [
  ledgerProjection,
  ticketTalliesProjection,
  userVerificationsProjection,
];

/** A projection that behaves like `inner` but runs `before` first in each batch (to fail or stall it). */
export const withHook = (
  inner: Projection,
  before: (events: ReadonlyArray<ProjectedEvent>) => Promise<void>,
  name = inner.name,
): Projection => {
  const hooked: Projection = {
    ...inner,
    name,
    apply: async (session, events) => {
      await before(events);
      await inner.apply(session, events);
    },
  };
  const open = inner.batch;
  if (open === undefined) return hooked;
  // a rebuild writes batches, not `apply`: the hook sees every event added to one before it is written
  return {
    ...hooked,
    batch: (target) => {
      const batch = open(target);
      const added: ProjectedEvent[] = [];
      return {
        add: (events) => {
          for (const event of events) added.push(event);
          batch.add(events);
        },
        write: async (session) => {
          await before(added);
          await batch.write(session);
        },
      };
    },
  };
};

/** Every row of the tables, ordered, for row-by-row comparisons. */
export const dumpTables = async (
  session: SqlSession,
  schema: string,
  tables: ReadonlyArray<string>,
): Promise<Record<string, unknown[]>> => {
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await session.query<{ row: unknown }>(
      `SELECT to_jsonb(t) AS row FROM ${schema}.${table} t ORDER BY to_jsonb(t)::text`,
    );
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
};
