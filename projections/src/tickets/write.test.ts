import { useSchema } from '../runtime/batch-transaction';
import { dumpTables } from '../runtime/testing/test-projections';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';
import type { TicketPatch, TicketRow } from './fold';
import { ticketsSchema } from './schema';
import { insertTickets, insertTicketsByCopy, updateTickets, updateTicketsByCopy } from './write';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const rows: ReadonlyArray<TicketRow> = [1, 2, 3, 4].map((n) => ({
  id: id(n),
  accountId: id(100),
  subject: `Ticket ${n}`,
  status: 'new',
  archived: false,
  requesterId: id(200 + n),
  originalRequesterId: id(200 + n),
  submitterId: id(200 + n),
  organizationId: n % 2 === 0 ? id(300) : null,
  collaboratorIds: n === 3 ? [id(401), id(402), id(403)] : [],
  channel: 'web',
  version: 0n,
  createdPosition: BigInt(n),
  createdAt: '2024-03-01T10:00:00.000Z',
  updatedAt: '2024-03-01T10:00:00.000Z',
}));

/** every kind of change a batch makes: fields set or left, organization removed, CCs edited */
const patches: ReadonlyArray<TicketPatch> = [
  {
    id: id(1),
    requesterId: id(299),
    organization: { id: id(301) },
    status: 'open',
    subject: 'Ticket « un » ✓',
    archived: false,
    collaborators: { removed: [], added: [id(401)] },
    version: 5n,
    updatedAt: '2024-03-02T08:30:00.123Z',
  },
  {
    id: id(2),
    requesterId: null,
    organization: { id: null },
    status: null,
    subject: null,
    archived: true,
    collaborators: null,
    version: 2n ** 40n,
    updatedAt: '2024-03-02T08:31:00.000Z',
  },
  {
    id: id(3),
    requesterId: null,
    organization: null,
    status: 'solved',
    subject: null,
    archived: false,
    collaborators: { removed: [id(402)], added: [id(401), id(404)] },
    version: 3n,
    updatedAt: '2024-03-02T08:32:00.000Z',
  },
];

describe('updating tickets from their patches', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.dispose());

  const updated = (
    schema: string,
    update: 'literals' | 'copy',
    applied: ReadonlyArray<TicketPatch> = patches,
  ) =>
    db.client.transaction(async (session) => {
      await session.exec(`CREATE SCHEMA ${schema}`);
      await useSchema(session, schema);
      await session.exec(ticketsSchema);
      // a ticket created twice keeps its first creation
      const again = [{ ...rows[0]!, subject: 'Created again' }];
      if (update === 'copy') {
        await insertTicketsByCopy(session, rows);
        await insertTicketsByCopy(session, again);
        await updateTicketsByCopy(session, applied);
      } else {
        for (const statement of [insertTickets(rows), insertTickets(again), updateTickets(applied)])
          await session.query(statement.text, statement.params);
      }
    });

  it('R1.3 R2.9 creates and updates the same rows through temporary tables copied into as through array literals', async () => {
    await updated(`${db.schema}_literals`, 'literals');
    await updated(`${db.schema}_copy`, 'copy');
    const literals = await dumpTables(db.client, `${db.schema}_literals`, ['tickets']);
    expect(literals['tickets']).toHaveLength(4);
    expect(literals['tickets']![0]).toEqual(
      expect.objectContaining({ subject: 'Ticket « un » ✓', original_requester_id: id(201) }),
    );
    expect(literals['tickets']![3]).toEqual(
      expect.objectContaining({ subject: 'Ticket 4', collaborator_ids: [] }),
    );
    expect(literals['tickets']![1]).toEqual(
      expect.objectContaining({ organization_id: null, archived: true }),
    );
    expect(literals['tickets']![2]).toEqual(
      expect.objectContaining({ collaborator_ids: [id(401), id(403), id(404)], status: 'solved' }),
    );
    expect(await dumpTables(db.client, `${db.schema}_copy`, ['tickets'])).toEqual(literals);
  });

  it("applies none of an earlier batch's rows or patches: the temporary tables empty at each commit", async () => {
    // one connection on PGlite; on a server the pool hands the one just released back
    await updated(`${db.schema}_first`, 'copy');
    await updated(`${db.schema}_second`, 'copy', patches.slice(2));
    await updated(`${db.schema}_alone`, 'literals', patches.slice(2));
    expect(await dumpTables(db.client, `${db.schema}_second`, ['tickets'])).toEqual(
      await dumpTables(db.client, `${db.schema}_alone`, ['tickets']),
    );
  });
});
