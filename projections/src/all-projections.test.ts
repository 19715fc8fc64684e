import * as O from 'fp-ts/Option';
import { allProjections } from './all-projections';
import { requesterChangesPerDay } from './analytics';
import { HelpDesk } from './read-model/testing/help-desk';
import { ok, projected } from './read-model/testing/project';
import type { TestDatabase } from './testing/test-database';
import { ticketAudits } from './ticket-audits';
import { findTicket, portalRequestsOf } from './tickets';
import { findUserMerge } from './user-merges';
import { findUser } from './users';

describe('every read model of one log', () => {
  let db: TestDatabase;
  afterAll(() => db?.dispose());

  it('R1.3 R3.5 R3.6 after a manual requester change then a merge, each read model tells its part', async () => {
    const desk = new HelpDesk();
    const { accountId, ownerId: agent } = desk.openAccount('Acme support');
    const acme = desk.organization(accountId, 'Acme', ['acme.com']);
    const alice = desk.createUser(accountId, { name: 'Alice', organizations: [acme] });
    const bob = desk.createUser(accountId, { name: 'Bob' });
    const robert = desk.createUser(accountId, { name: 'Robert' });
    const ticket = desk.openTicket(accountId, { requesterId: alice, comment: 'Help' });
    desk.changeRequester(ticket, bob, agent);
    const { jobId } = desk.merge(bob, robert, agent);
    db = await projected(allProjections, desk.events, 3);

    const view = O.toNullable(await ok(findTicket(db.client, accountId, ticket)));
    expect(view).toMatchObject({ originalRequesterId: alice, requesterId: robert });
    const changes = (await ok(ticketAudits(db.client, accountId, ticket))).items
      .flatMap((audit) => audit.events.map((event) => ({ rel: audit.via.source.rel, event })))
      .filter(({ event }) => event.type === 'Change' && event.field_name === 'requester_id');
    expect(changes).toEqual([
      {
        rel: null,
        event: expect.objectContaining({ previous_value: alice, value: bob, reason: 'manual' }),
      },
      {
        rel: 'merge',
        event: expect.objectContaining({ previous_value: bob, value: robert, reason: 'merge' }),
      },
    ]);
    expect(O.toNullable(await ok(findUser(db.client, accountId, bob)))).toMatchObject({
      status: 'merged',
      mergedIntoId: robert,
    });
    expect(O.toNullable(await ok(findUserMerge(db.client, accountId, jobId)))).toMatchObject({
      status: 'completed',
      progress: 1,
      total: 1,
    });
    expect(
      (await ok(requesterChangesPerDay(db.client, accountId))).map((r) => [r.reason, r.changes]),
    ).toEqual([
      ['manual', 1],
      ['merge', 1],
    ]);
  });

  it('R6.9 shows a primary contact every ticket of their organization in the portal', async () => {
    const desk = new HelpDesk();
    const { accountId } = desk.openAccount('Acme support');
    const acme = desk.organization(accountId, 'Acme');
    const alice = desk.createUser(accountId, { name: 'Alice', organizations: [acme] });
    const boss = desk.createUser(accountId, { name: 'Boss' });
    desk.join(boss, acme, true);
    const carol = desk.createUser(accountId, { name: 'Carol', organizations: [acme] });
    const alices = desk.openTicket(accountId, { requesterId: alice });
    const bosss = desk.openTicket(accountId, { requesterId: boss });
    await db.dispose();
    db = await projected(allProjections, desk.events);
    const seen = async (userId: string) =>
      (await ok(portalRequestsOf(db.client, accountId, userId))).items.map((t) => t.id);
    expect(await seen(alice)).toEqual([alices]);
    expect(await seen(boss)).toEqual([alices, bosss]);
    expect(await seen(carol)).toEqual([]);
  });
});
