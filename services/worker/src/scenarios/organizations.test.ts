import * as E from 'fp-ts/Either';
import {
  contextOf,
  eventually,
  handleCommand,
  loadUser,
  removeOrganization,
} from '@helpdesk/application';
import { userDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { openHarness, type Harness } from '../testing/harness';

const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

describe(`R2.8 R2.9 tickets leave an organization, through the worker on ${engine}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ pageSize: 2 });
    await h.desk.changeSettings({ multipleOrganizations: true });
  });
  afterAll(async () => {
    await h.dispose();
  });

  const removeMembership = async (userId: Uuid, organizationId: Uuid) => {
    const user = await h.succeed(loadUser(h.store, h.desk.opened.accountId, userId));
    const membership = user.memberships.find((m) => m.organizationId === organizationId);
    return handleCommand(
      h.desk.deps,
      userDecider,
      streams.user(userId),
      {
        type: 'RemoveOrganizationMembership',
        userId,
        membershipId: membership?.membershipId ?? '00000000-0000-4000-8000-000000000000',
      },
      contextOf(h.desk.owner()),
    )();
  };

  const organizationsOf = async (ticketIds: ReadonlyArray<Uuid>) => {
    await h.caughtUp('tickets');
    const rows = await h.sql<{ id: string; organization_id: string | null }>(
      'SELECT id, organization_id FROM tickets WHERE id = ANY($1::uuid[])',
      [`{${ticketIds.join(',')}}`],
    );
    return ticketIds.map((id) => rows.find((r) => r.id === id)?.organization_id);
  };

  /** the rows once the process has moved what it moves: the audits show why */
  const movedWith = async (ticketId: Uuid, rel: string) =>
    eventually(`ticket ${ticketId} to move (${rel})`, async () => {
      await h.caughtUp('ticket_audits');
      const rows = await h.sql<{ rel: string; actor_type: string }>(
        `SELECT rel, actor_type FROM ticket_audits
         WHERE ticket_id = $1 AND event_type = 'TicketOrganizationChanged'`,
        [ticketId],
      );
      return rows.length > 0 ? rows : undefined;
    });

  describe('R2.8 a user removed from an organization', () => {
    it('moves their non-archived tickets there to their new default, keeps archived ones', async () => {
      const acme = await h.desk.organization('Acme');
      const globex = await h.desk.organization('Globex');
      const ann = await h.desk.endUser('Ann', {
        emails: ['ann@example.com'],
        organizationIds: [acme, globex],
      });
      const open = await h.desk.ticket(ann, { organizationId: acme });
      const closed = await h.desk.ticket(ann, { organizationId: acme, status: 'closed' });
      const archived = await h.desk.ticket(ann, { organizationId: acme, archived: true });
      const elsewhere = await h.desk.ticket(ann, { organizationId: globex });
      expect(E.isRight(await removeMembership(ann, acme))).toBe(true);
      expect(await movedWith(open, 'membership_removed')).toEqual([
        { rel: 'membership_removed', actor_type: 'system' },
      ]);
      await movedWith(closed, 'membership_removed');
      expect(await organizationsOf([open, closed, archived, elsewhere])).toEqual([
        globex,
        globex,
        acme,
        globex,
      ]);
      await h.caughtUp('users');
      const [user] = await h.sql<{ default_organization_id: string }>(
        'SELECT default_organization_id FROM users WHERE id = $1',
        [ann],
      );
      expect(user?.default_organization_id).toBe(globex);
    });

    it('leaves the tickets of a user with no organization left with none', async () => {
      const initech = await h.desk.organization('Initech');
      const bob = await h.desk.endUser('Bob', {
        emails: ['bob@example.com'],
        organizationIds: [initech],
      });
      const ticket = await h.desk.ticket(bob, { organizationId: initech });
      expect(E.isRight(await removeMembership(bob, initech))).toBe(true);
      await movedWith(ticket, 'membership_removed');
      expect(await organizationsOf([ticket])).toEqual([null]);
    });

    it('refuses to remove a membership the user does not have: nothing moves', async () => {
      const umbrella = await h.desk.organization('Umbrella');
      const carl = await h.desk.endUser('Carl', {
        emails: ['carl@example.com'],
        organizationIds: [umbrella],
      });
      const other = await h.desk.organization('Other');
      const ticket = await h.desk.ticket(carl, { organizationId: umbrella });
      expect(await removeMembership(carl, other)).toEqual(
        E.left({ kind: 'DomainRefusal', error: expect.objectContaining({ kind: 'NotFound' }) }),
      );
      expect(await organizationsOf([ticket])).toEqual([umbrella]);
    });
  });

  describe('R2.9 an organization removed', () => {
    it("promotes each member's next organization and moves the open tickets there or to none; archived ones keep it", async () => {
      const hooli = await h.desk.organization('Hooli');
      const piedPiper = await h.desk.organization('Pied Piper');
      const dinesh = await h.desk.endUser('Dinesh', {
        emails: ['dinesh@example.com'],
        organizationIds: [hooli, piedPiper],
      });
      const gavin = await h.desk.endUser('Gavin', {
        emails: ['gavin@example.com'],
        organizationIds: [hooli],
      });
      const dineshTicket = await h.desk.ticket(dinesh, { organizationId: hooli });
      const gavinTicket = await h.desk.ticket(gavin, { organizationId: hooli });
      const archived = await h.desk.ticket(gavin, { organizationId: hooli, archived: true });
      await h.succeed(removeOrganization(h.desk.deps, h.desk.owner(), hooli));
      expect(await movedWith(dineshTicket, 'organization_removed')).toEqual([
        { rel: 'organization_removed', actor_type: 'system' },
      ]);
      expect(await movedWith(gavinTicket, 'organization_removed')).toEqual([
        { rel: 'organization_removed', actor_type: 'system' },
      ]);
      expect(await organizationsOf([dineshTicket, gavinTicket, archived])).toEqual([
        piedPiper,
        null,
        hooli,
      ]);
      const dineshNow = await h.succeed(loadUser(h.store, h.desk.opened.accountId, dinesh));
      expect(dineshNow.defaultOrganizationId).toBe(piedPiper);
      expect(dineshNow.memberships.map((m) => m.organizationId)).toEqual([piedPiper]);
    });

    it("refuses to remove the account's default organization (R6.4): nothing moves", async () => {
      const result = await removeOrganization(
        h.desk.deps,
        h.desk.owner(),
        h.desk.opened.defaultOrganizationId,
      )();
      expect(result).toEqual(
        E.left({ kind: 'DomainRefusal', error: expect.objectContaining({ rule: 'R6.4' }) }),
      );
    });
  });
});
