import * as E from 'fp-ts/Either';
import type { EventStore } from '@helpdesk/event-store';
import { realisticLog } from '../runtime/crash/realistic-log';
import { startProjections } from '../runtime/runner';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import { foldTicketBatch } from '../tickets/fold';
import { ticketsProjection } from '../tickets/projection';
import { appendAndProject, eventsByTicket, ok, storeBeside } from './verify.fixtures';
import { verifyTickets, type VerifyOptions, type VerifyProgress } from './verify-tickets';

/** What `helpdesk verify` reports, on a small log: each kind of difference, and none that is not one. */
describe('helpdesk verify lists every difference between the tickets read model and the log', () => {
  let db: TestDatabase;
  let store: EventStore;
  // about 3,000 events open the accounts; the rest are tickets'
  const log = realisticLog(8000);
  const byTicket = eventsByTicket(log);
  const ticketIds = [...byTicket.keys()];
  const foldOf = (id: string) =>
    foldTicketBatch(byTicket.get(id)! as Parameters<typeof foldTicketBatch>[0]).created[0]!;

  const verify = (options: Partial<VerifyOptions> = {}) =>
    verifyTickets({ store, session: db.client, schema: db.schema, pageSize: 500, ...options });

  beforeAll(async () => {
    db = await openTestDatabase();
    store = await storeBeside(db);
    await appendAndProject(db, store, log);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await db?.dispose();
  });

  it('none after a full rebuild, over pages of the log and of the table', async () => {
    expect(byTicket.size).toBeGreaterThan(500);
    const report = await ok(verify());
    expect(report.differences).toEqual([]);
    expect([report.tickets, report.rows, report.events]).toEqual([
      byTicket.size,
      byTicket.size,
      log.length,
    ]);
  });

  it('a lost row, a row the log does not know, and every tampered column of a row, with both values', async () => {
    const [lost, tampered] = [ticketIds[5]!, ticketIds[6]!];
    const stranger = '00000000-0000-4000-8000-fffffffffff0';
    const before = foldOf(tampered);
    await db.client.query(
      'CREATE TABLE saved_tickets AS SELECT * FROM tickets WHERE id = $1 OR id = $2',
      [lost, tampered],
    );
    await db.client.query('DELETE FROM tickets WHERE id = $1', [lost]);
    await db.client.query(
      `INSERT INTO tickets SELECT $2::uuid, account_id, subject, status, archived, requester_id,
         original_requester_id, submitter_id, organization_id, collaborator_ids, channel, version,
         created_position, created_at, updated_at FROM tickets WHERE id = $1`,
      [tampered, stranger],
    );
    await db.client.query(
      `UPDATE tickets SET status = 'bogus', archived = NOT archived, version = version + 1,
         collaborator_ids = collaborator_ids || $2::uuid WHERE id = $1`,
      [tampered, stranger],
    );
    try {
      const found = (await ok(verify())).differences;
      const expected = [
        { ticketId: lost, column: 'row', readModel: null, replayed: 'present' },
        { ticketId: stranger, column: 'row', readModel: 'present', replayed: null },
        { ticketId: tampered, column: 'status', readModel: 'bogus', replayed: before.status },
        {
          ticketId: tampered,
          column: 'archived',
          readModel: !before.archived,
          replayed: before.archived,
        },
        {
          ticketId: tampered,
          column: 'collaborator_ids',
          readModel: [...before.collaboratorIds, stranger].sort(),
          replayed: [...before.collaboratorIds].sort(),
        },
        {
          ticketId: tampered,
          column: 'version',
          readModel: String(before.version + 1n),
          replayed: String(before.version),
        },
      ];
      expect(found).toHaveLength(expected.length);
      expect(found).toEqual(expect.arrayContaining(expected));
      expect(found.map((d) => d.ticketId)).toEqual(found.map((d) => d.ticketId).sort());
    } finally {
      await db.client.query('DELETE FROM tickets WHERE id = ANY($1::uuid[])', [
        [stranger, tampered],
      ]);
      await db.client.exec(
        'INSERT INTO tickets SELECT * FROM saved_tickets; DROP TABLE saved_tickets',
      );
    }
    expect((await ok(verify())).differences).toEqual([]);
  });

  it('a stored event that no longer decodes: its ticket is reported once, as a corrupt stream', async () => {
    const [ticketId, events] = [...byTicket].find(([, e]) => e.length > 2)!;
    const events_ = `${db.schema}_es.events`;
    const where = 'stream_name = $1 AND revision = 1';
    const saved = await db.client.query<{ data: unknown }>(
      `SELECT data::text AS data FROM ${events_} WHERE ${where}`,
      [`ticket-${ticketId}`],
    );
    await db.client.query(
      `UPDATE ${events_} SET data = jsonb_set(data::jsonb, '{ticket_id}', '"tampered"') WHERE ${where}`,
      [`ticket-${ticketId}`],
    );
    try {
      const { differences } = await ok(verify());
      expect(differences).toEqual([
        {
          ticketId,
          column: 'stream',
          readModel: null,
          replayed: expect.stringMatching(
            new RegExp(`^event ${events[1]!.eventId} at revision 1 does not decode: .*ticket_id`),
          ),
        },
      ]);
    } finally {
      await db.client.query(`UPDATE ${events_} SET data = $2::jsonb WHERE ${where}`, [
        `ticket-${ticketId}`,
        saved.rows[0]!.data,
      ]);
    }
  });

  it('on a live system, a ticket that changes while verify runs is replayed again, not reported', async () => {
    const ticketId = ticketIds.find((id) => !foldOf(id).archived)!;
    const last = byTicket.get(ticketId)!.at(-1)!;
    const runner = await startProjections({
      store,
      client: db.client,
      schema: db.schema,
      projections: [ticketsProjection],
      retryDelayMs: 20,
    });
    const phases: VerifyProgress['phase'][] = [];
    try {
      const report = await ok(
        verify({
          pageSize: 10_000,
          onProgress: async ({ phase }) => {
            phases.push(phase);
            if (phase !== 'replaying') return;
            // the log has been replayed; the projection moves on before the rows are read
            const appended = await ok(
              store.appendToStream(`ticket-${ticketId}`, [
                {
                  id: '00000000-0000-4000-8000-eeeeeeeeeee1',
                  type: 'TicketSubjectChanged',
                  data: {
                    ticket_id: ticketId,
                    previous_subject: foldOf(ticketId).subject,
                    subject: 'Changed while verify ran',
                  },
                  metadata: { ...last.metadata, correlation_id: 'live-change' },
                },
              ])(),
            );
            await ok(runner.waitForPosition('tickets', appended.position, 10_000)());
          },
        }),
      );
      expect(report.differences).toEqual([]);
      expect(phases).toEqual(['replaying', 'comparing', 'rechecking']);
      const row = await db.client.query<{ subject: string }>(
        'SELECT subject FROM tickets WHERE id = $1',
        [ticketId],
      );
      expect(row.rows[0]!.subject).toBe('Changed while verify ran');
    } finally {
      await runner.stop();
    }
  });

  it('refuses a schema where the tickets projection never ran', async () => {
    expect(await verify({ schema: `${db.schema}_nothing` })).toEqual(
      E.left(expect.objectContaining({ kind: 'NotProjected' })),
    );
  });
});
