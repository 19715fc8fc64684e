import * as O from 'fp-ts/Option';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { ticketsProjection } from './projection';
import {
  countTicketsRequestedBy,
  findTicket,
  requestersWithUnarchivedTicketsIn,
  ticketIdsRequestedBy,
  ticketsCcing,
  ticketsOfOrganization,
  ticketsRequestedBy,
  unarchivedTicketIdsCcing,
  unarchivedTicketIdsRequestedIn,
  type TicketView,
} from './queries';

const scenario = () => {
  const desk = new HelpDesk();
  const { accountId, ownerId: agent } = desk.openAccount('Acme support');
  const acme = desk.organization(accountId, 'Acme', ['acme.com']);
  const globex = desk.organization(accountId, 'Globex', ['globex.com']);
  const alice = desk.createUser(accountId, { name: 'Alice', organizations: [acme] });
  const bob = desk.createUser(accountId, { name: 'Bob', organizations: [globex] });
  const carol = desk.createUser(accountId, { name: 'Carol', organizations: [acme, globex] });
  const dave = desk.createUser(accountId, { name: 'Dave' });
  return { desk, accountId, agent, acme, globex, alice, bob, carol, dave };
};

const ticketIn = async (db: TestDatabase, accountId: string, id: string): Promise<TicketView> => {
  const found = await ok(findTicket(db.client, accountId, id));
  if (O.isNone(found)) throw new Error(`ticket ${id} is not in the read model`);
  return found.value;
};

describe('tickets read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (...args: Parameters<typeof projected>) => {
    const db = await projected(...args);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  describe('R1.3 the original requester stays visible', () => {
    it('after a manual change then a merge, shows the original requester and the current one', async () => {
      const { desk, accountId, agent, globex, alice, bob, carol } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice, comment: 'It smokes' });
      desk.changeRequester(ticket, bob, agent);
      desk.merge(bob, carol, agent);
      const db = await open([ticketsProjection], desk.events);

      expect(await ticketIn(db, accountId, ticket)).toMatchObject({
        requesterId: carol,
        originalRequesterId: alice,
        // R1.6 the manual change took Bob's default; R3.8 the merge leaves the organization alone
        organizationId: globex,
        status: 'new',
        archived: false,
        channel: 'api',
        submitterId: alice,
        // created (0), comment (1), requester (2), organization (3), merge (4)
        version: 4n,
      });
    });

    it('keeps the first requester as original through several changes', async () => {
      const { desk, accountId, agent, alice, bob, dave } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: bob });
      desk.changeRequester(ticket, alice, agent);
      desk.changeRequester(ticket, dave, agent);
      const db = await open([ticketsProjection], desk.events, 1);
      const view = await ticketIn(db, accountId, ticket);
      expect([view.originalRequesterId, view.requesterId, view.organizationId]).toEqual([
        bob,
        dave,
        null,
      ]);
    });
  });

  describe('R3.6 R3.7 a merge rewrites requesters everywhere and CCs on open tickets', () => {
    it('moves closed and archived tickets too, and replaces the CC only where not archived', async () => {
      const { desk, accountId, agent, bob, carol, dave } = scenario();
      const open1 = desk.openTicket(accountId, { requesterId: bob });
      const closed = desk.openTicket(accountId, { requesterId: bob, collaboratorIds: [dave] });
      desk.changeStatus(closed, 'closed', agent);
      desk.archive(closed);
      const ccOpen = desk.openTicket(accountId, { requesterId: dave, collaboratorIds: [bob] });
      const ccArchived = desk.openTicket(accountId, { requesterId: dave });
      desk.addCc(ccArchived, bob, agent);
      desk.changeStatus(ccArchived, 'closed', agent);
      desk.archive(ccArchived);
      expect(
        await ok(
          countTicketsRequestedBy(
            (await open([ticketsProjection], desk.events)).client,
            accountId,
            bob,
          ),
        ),
      ).toBe(2);

      desk.merge(bob, carol, agent);
      const db = await open([ticketsProjection], desk.events);

      expect((await ticketIn(db, accountId, open1)).requesterId).toBe(carol);
      expect(await ticketIn(db, accountId, closed)).toMatchObject({
        requesterId: carol,
        originalRequesterId: bob,
        archived: true,
        status: 'closed',
      });
      expect((await ticketIn(db, accountId, ccOpen)).collaboratorIds).toEqual([carol]);
      expect((await ticketIn(db, accountId, ccArchived)).collaboratorIds).toEqual([bob]);
      expect(await ok(countTicketsRequestedBy(db.client, accountId, bob))).toBe(0);
      expect(await ok(ticketIdsRequestedBy(db.client, accountId, carol))).toEqual([open1, closed]);
      expect(await ok(unarchivedTicketIdsCcing(db.client, accountId, bob))).toEqual([]);
      expect(await ok(unarchivedTicketIdsCcing(db.client, accountId, carol))).toEqual([ccOpen]);
    });
  });

  describe('R2.8 leaving an organization moves the non-archived tickets to the new default', () => {
    it('moves open and closed tickets, keeps archived ones where they were', async () => {
      const { desk, accountId, agent, acme, globex, carol } = scenario();
      const open1 = desk.openTicket(accountId, { requesterId: carol });
      const closed = desk.openTicket(accountId, { requesterId: carol });
      desk.changeStatus(closed, 'closed', agent);
      const archived = desk.openTicket(accountId, { requesterId: carol });
      desk.changeStatus(archived, 'closed', agent);
      desk.archive(archived);
      const before = await open([ticketsProjection], desk.events);
      expect(
        await ok(unarchivedTicketIdsRequestedIn(before.client, accountId, carol, acme)),
      ).toEqual([open1, closed]);

      desk.leave(carol, acme);
      const db = await open([ticketsProjection], desk.events);
      expect((await ticketIn(db, accountId, open1)).organizationId).toBe(globex);
      expect((await ticketIn(db, accountId, closed)).organizationId).toBe(globex);
      expect((await ticketIn(db, accountId, archived)).organizationId).toBe(acme);
    });
  });

  describe("R2.9 removing an organization moves its tickets to each requester's new default", () => {
    it('to the other organization, or to none when the requester has no other', async () => {
      const { desk, accountId, acme, globex, alice, carol } = scenario();
      const alices = desk.openTicket(accountId, { requesterId: alice });
      const carols = desk.openTicket(accountId, { requesterId: carol });
      const before = await open([ticketsProjection], desk.events);
      expect(await ok(requestersWithUnarchivedTicketsIn(before.client, accountId, acme))).toEqual(
        [alice, carol].sort(),
      );

      desk.removeOrganization(accountId, acme);
      const db = await open([ticketsProjection], desk.events);
      expect((await ticketIn(db, accountId, alices)).organizationId).toBeNull();
      expect((await ticketIn(db, accountId, carols)).organizationId).toBe(globex);
      expect(await ok(requestersWithUnarchivedTicketsIn(db.client, accountId, acme))).toEqual([]);
      const ofGlobex = await ok(ticketsOfOrganization(db.client, accountId, globex));
      expect(ofGlobex.items.map((t) => t.id)).toEqual([carols]);
    });
  });

  describe('lists', () => {
    it('pages the tickets a user requests, oldest first, with a cursor', async () => {
      const { desk, accountId, alice } = scenario();
      const ids = Array.from({ length: 5 }, (_, i) =>
        desk.openTicket(accountId, { requesterId: alice, subject: `Ticket ${i}` }),
      );
      const db = await open([ticketsProjection], desk.events);
      const first = await ok(ticketsRequestedBy(db.client, accountId, alice, { size: 2 }));
      expect(first.items.map((t) => t.id)).toEqual(ids.slice(0, 2));
      expect(first.hasMore).toBe(true);
      const rest = await ok(
        ticketsRequestedBy(db.client, accountId, alice, { size: 10, after: first.after! }),
      );
      expect(rest.items.map((t) => t.id)).toEqual(ids.slice(2));
      expect([rest.hasMore, rest.after]).toEqual([false, null]);
    });

    it('lists the tickets CCing a user, and none of another account', async () => {
      const { desk, accountId, agent, alice, dave } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice });
      desk.addCc(ticket, dave, agent);
      const other = desk.openAccount('Other desk');
      const db = await open([ticketsProjection], desk.events);
      expect((await ok(ticketsCcing(db.client, accountId, dave))).items.map((t) => t.id)).toEqual([
        ticket,
      ]);
      expect((await ok(ticketsCcing(db.client, other.accountId, dave))).items).toEqual([]);
      expect(O.isNone(await ok(findTicket(db.client, other.accountId, ticket)))).toBe(true);
    });
  });

  it('folds a log into the same rows whatever the batch boundaries', async () => {
    const { desk, accountId, agent, acme, alice, bob, carol, dave } = scenario();
    const t1 = desk.openTicket(accountId, { requesterId: alice, collaboratorIds: [dave] });
    const t2 = desk.openTicket(accountId, { requesterId: bob, collaboratorIds: [carol] });
    desk.addCc(t1, carol, agent);
    desk.changeRequester(t1, bob, agent);
    desk.comment(t2, agent, 'Looking into it');
    desk.addCc(t2, bob, agent);
    desk.changeStatus(t2, 'solved', agent);
    desk.merge(bob, carol, agent);
    desk.leave(carol, acme);
    const rows = [];
    for (const size of [1, 3, 1000]) {
      const db = await open([ticketsProjection], desk.events, size);
      rows.push(await tableRows(db.client, 'tickets', 'id'));
    }
    expect(rows[0]).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
  });
});
