import * as O from 'fp-ts/Option';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { ticketAuditsProjection } from './projection';
import { findTicketAudit, ticketAudits } from './queries';

const scenario = () => {
  const desk = new HelpDesk();
  const { accountId, ownerId: agent } = desk.openAccount('Acme support');
  const acme = desk.organization(accountId, 'Acme', ['acme.com']);
  const globex = desk.organization(accountId, 'Globex');
  const alice = desk.createUser(accountId, { name: 'Alice', organizations: [acme] });
  const bob = desk.createUser(accountId, { name: 'Bob', organizations: [globex] });
  const carol = desk.createUser(accountId, { name: 'Carol' });
  return { desk, accountId, agent, acme, globex, alice, bob, carol };
};

describe('ticket audits read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (...args: Parameters<typeof projected>) => {
    const db = await projected(...args);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  describe('R1.3 the history reads oldest first', () => {
    it('lists the audits of a ticket with more than ten events in revision order', async () => {
      const { desk, accountId, agent, alice, bob } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice, comment: 'It smokes' });
      for (let i = 0; i < 6; i++) {
        desk.changeRequester(ticket, bob, agent);
        desk.changeRequester(ticket, alice, agent);
      }
      const db = await open([ticketAuditsProjection], desk.events);

      const { items } = await ok(ticketAudits(db.client, accountId, ticket, { size: 100 }));
      const revisions = items.map((a) => Number(a.metadata.stream_revision));
      expect(revisions.length).toBeGreaterThan(11);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    });
  });

  describe('R1.3 R3.6 the history shows every requester change with who, when and why', () => {
    it('shows a manual change then a merge, with reasons manual and merge', async () => {
      const { desk, accountId, agent, acme, globex, alice, bob, carol } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice, comment: 'It smokes' });
      desk.changeRequester(ticket, bob, agent);
      const { jobId, correlationId } = desk.merge(bob, carol, agent);
      const db = await open([ticketAuditsProjection], desk.events);

      const { items, hasMore } = await ok(ticketAudits(db.client, accountId, ticket));
      expect(hasMore).toBe(false);
      expect(items.map((a) => a.metadata.event_type)).toEqual([
        'TicketCreated',
        'CommentAdded',
        'RequesterChanged',
        'TicketOrganizationChanged',
        'RequesterChanged',
      ]);
      const [created, comment, manual, organization, merge] = items;
      expect(created!.events).toContainEqual({
        type: 'Create',
        field_name: 'requester_id',
        value: alice,
        previous_value: null,
      });
      expect(comment!.events).toEqual([
        expect.objectContaining({
          type: 'Comment',
          author_id: alice,
          body: 'It smokes',
          public: true,
        }),
      ]);
      expect(manual).toMatchObject({
        author_id: agent,
        via: { channel: 'web', source: { rel: null } },
        events: [
          {
            type: 'Change',
            field_name: 'requester_id',
            previous_value: alice,
            value: bob,
            reason: 'manual',
          },
        ],
      });
      expect(organization!.events).toEqual([
        {
          type: 'Change',
          field_name: 'organization_id',
          previous_value: acme,
          value: globex,
          reason: 'requester_changed',
        },
      ]);
      // the same correlation and causation as the manual change's command: one append
      expect(organization!.metadata.correlation_id).toBe(manual!.metadata.correlation_id);
      expect(merge).toMatchObject({
        author_id: null,
        via: { source: { rel: 'merge' } },
        metadata: { correlation_id: correlationId, causation_id: jobId, actor_type: 'system' },
        events: [
          {
            type: 'Change',
            field_name: 'requester_id',
            previous_value: bob,
            value: carol,
            reason: 'merge',
          },
        ],
      });
      expect(new Date(merge!.created_at).getTime()).toBeGreaterThan(
        new Date(manual!.created_at).getTime(),
      );
    });

    it('names each audit by its event, its revision in the ticket and its place in the log', async () => {
      const { desk, accountId, agent, alice, bob } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice });
      desk.changeRequester(ticket, bob, agent);
      const db = await open([ticketAuditsProjection], desk.events, 1);
      const inLog = desk.events.filter((e) => e.streamName === `ticket-${ticket}`);
      const { items } = await ok(ticketAudits(db.client, accountId, ticket));
      expect(
        items.map((a) => [a.id, a.metadata.stream_revision, a.metadata.global_position]),
      ).toEqual(inLog.map((e) => [e.eventId, Number(e.revision), Number(e.globalPosition)]));
      const one = await ok(findTicketAudit(db.client, accountId, ticket, inLog[1]!.eventId));
      expect(O.toNullable(one)?.events[0]).toMatchObject({ field_name: 'requester_id' });
    });
  });

  describe('R3.7 R2.9 changes made by processes say why', () => {
    it('shows a CC replaced by a merge and a ticket moved by an organization removal', async () => {
      const { desk, accountId, agent, acme, alice, bob, carol } = scenario();
      const ticket = desk.openTicket(accountId, { requesterId: alice, collaboratorIds: [bob] });
      desk.merge(bob, carol, agent);
      desk.removeOrganization(accountId, acme);
      const db = await open([ticketAuditsProjection], desk.events);
      const { items } = await ok(ticketAudits(db.client, accountId, ticket));
      expect(items.slice(1).map((a) => [a.via.source.rel, a.events])).toEqual([
        [
          'merge',
          [{ type: 'Change', field_name: 'collaborator_id', previous_value: bob, value: carol }],
        ],
        [
          'organization_removed',
          [
            {
              type: 'Change',
              field_name: 'organization_id',
              previous_value: acme,
              value: null,
              reason: 'organization_removed',
            },
          ],
        ],
      ]);
    });
  });

  it('pages audits oldest first and hides them from other accounts', async () => {
    const { desk, accountId, agent, alice } = scenario();
    const ticket = desk.openTicket(accountId, { requesterId: alice });
    for (const status of ['open', 'pending', 'solved', 'closed'] as const)
      desk.changeStatus(ticket, status, agent);
    desk.archive(ticket);
    const other = desk.openAccount('Other');
    const db = await open([ticketAuditsProjection], desk.events);
    const first = await ok(ticketAudits(db.client, accountId, ticket, { size: 4 }));
    const second = await ok(ticketAudits(db.client, accountId, ticket, { after: first.after! }));
    expect([first.items.length, first.hasMore, second.items.length, second.hasMore]).toEqual([
      4,
      true,
      2,
      false,
    ]);
    expect(second.items.map((a) => a.events)).toEqual([
      [{ type: 'Change', field_name: 'status', previous_value: 'solved', value: 'closed' }],
      [{ type: 'Change', field_name: 'archived', previous_value: false, value: true }],
    ]);
    expect((await ok(ticketAudits(db.client, other.accountId, ticket))).items).toEqual([]);
  });

  it('holds one audit per ticket event, whatever the batch boundaries', async () => {
    const { desk, accountId, agent, alice, bob, carol } = scenario();
    const t1 = desk.openTicket(accountId, { requesterId: alice });
    const t2 = desk.openTicket(accountId, { requesterId: bob, comment: 'Hello' });
    desk.addCc(t1, carol, agent);
    desk.changeRequester(t2, alice, agent);
    const ticketEvents = desk.events.filter((e) => e.streamName.startsWith('ticket-'));
    const small = await open([ticketAuditsProjection], desk.events, 2);
    const large = await open([ticketAuditsProjection], desk.events, 1000);
    const rows = await tableRows(small.client, 'ticket_audits', 'global_position');
    expect(rows).toHaveLength(ticketEvents.length);
    expect(await tableRows(large.client, 'ticket_audits', 'global_position')).toEqual(rows);
  });
});
