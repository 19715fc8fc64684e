import { accountsProjection } from '../accounts/projection';
import { organizationsProjection } from '../organizations/projection';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { ticketsProjection } from '../tickets/projection';
import { userMergesProjection } from '../user-merges/projection';
import { usersProjection } from '../users/projection';
import { analyticsProjection } from './projection';
import {
  mergesPerDay,
  requesterChangesBetween,
  requesterChangesPerDay,
  ticketsPerOrganization,
} from './queries';

const models = [
  accountsProjection,
  organizationsProjection,
  usersProjection,
  ticketsProjection,
  userMergesProjection,
  analyticsProjection,
];
const day = 24 * 60;

describe('analyst views', () => {
  let db: TestDatabase;
  let s: ReturnType<typeof scenario>;

  /** Two days of a help desk: a manual requester change on day 1, two merges on day 2. */
  const scenario = () => {
    const desk = new HelpDesk();
    const { accountId, ownerId: agent, unassignedId } = desk.openAccount('Acme support');
    const acme = desk.organization(accountId, 'Acme', ['acme.com']);
    const globex = desk.organization(accountId, 'Globex');
    const alice = desk.createUser(accountId, { name: 'Alice', organizations: [acme] });
    const bob = desk.createUser(accountId, { name: 'Bob', organizations: [globex] });
    const bob2 = desk.createUser(accountId, { name: 'Bob again', organizations: [globex] });
    const carol = desk.createUser(accountId, { name: 'Carol' });
    const t1 = desk.openTicket(accountId, { requesterId: alice });
    const t2 = desk.openTicket(accountId, { requesterId: alice });
    const t3 = desk.openTicket(accountId, { requesterId: bob2 });
    const t4 = desk.openTicket(accountId, { requesterId: carol });
    desk.changeRequester(t1, bob, agent);
    desk.changeStatus(t2, 'solved', agent);
    desk.log.elapse(day);
    desk.merge(bob2, bob, agent);
    desk.merge(alice, carol, agent);
    return {
      desk,
      accountId,
      agent,
      unassignedId,
      acme,
      globex,
      alice,
      bob,
      bob2,
      carol,
      t1,
      t2,
      t3,
      t4,
    };
  };

  beforeAll(async () => {
    s = scenario();
    db = await projected(models, s.desk.events);
  });
  afterAll(() => db.dispose());

  it('R1.3 R3.6 lists requester changes with reason, actor and time', async () => {
    const changes = await ok(
      requesterChangesBetween(
        db.client,
        s.accountId,
        '2024-03-01T00:00:00Z',
        '2024-03-03T00:00:00Z',
      ),
    );
    expect(
      changes.map((c) => [
        c.ticket_id,
        c.previous_requester_id,
        c.requester_id,
        c.reason,
        c.actor_id,
      ]),
    ).toEqual([
      [s.t1, s.alice, s.bob, 'manual', s.agent],
      [s.t3, s.bob2, s.bob, 'merge', null],
      [s.t2, s.alice, s.carol, 'merge', null],
    ]);
    expect(changes[0]!.changed_at.startsWith('2024-03-01')).toBe(true);
    expect(
      await ok(
        requesterChangesBetween(
          db.client,
          s.accountId,
          '2024-03-02T00:00:00Z',
          '2024-03-03T00:00:00Z',
        ),
      ),
    ).toHaveLength(2);
  });

  it('counts requester changes per day and reason', async () => {
    expect(await ok(requesterChangesPerDay(db.client, s.accountId))).toEqual([
      { day: '2024-03-01', reason: 'manual', changes: 1, tickets: 1 },
      { day: '2024-03-02', reason: 'merge', changes: 2, tickets: 2 },
    ]);
  });

  it('counts merges per day with the tickets they moved', async () => {
    expect(await ok(mergesPerDay(db.client, s.accountId))).toEqual([
      { day: '2024-03-02', merges: 2, completed: 2, ticketsMoved: 2 },
    ]);
  });

  it('counts tickets per organization, with those without one', async () => {
    const rows = await ok(ticketsPerOrganization(db.client, s.accountId));
    // R1.6 t1 followed Bob to Globex; R3.8 the merges left every ticket's organization alone
    expect(rows.map((r) => [r.organizationName, r.tickets, r.unsolved])).toEqual([
      ['Globex', 2, 2],
      ['Acme', 1, 0],
      [null, 1, 1],
    ]);
  });
});
