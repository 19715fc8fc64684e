import { organizationDecider, userDecider } from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { createMemoryEventStore, sharedTail, type EventStore } from '@helpdesk/event-store';
import { handleCommand } from '../../command/handle-command';
import { contextOf } from '../../use-cases/caller';
import { loadUser } from '../../use-cases/lookups';
import { sequentialIds } from '../../testing';
import { readStream } from '../merge/merge.fixtures';
import { startProcessManager } from '../process-manager';
import {
  alwaysCaughtUp,
  eventually,
  logMembers,
  logSnapshots,
  memoryCheckpoints,
  openDeskOn,
  quietLogger,
  succeed,
} from '../testing';
import { organizationProcessManager } from './organization-process-manager';

type Reading = 'its own subscription' | 'a shared tail of the log';
let reading: Reading = 'its own subscription';

const setUp = async (plan: 'team' | 'enterprise') => {
  const store: EventStore = createMemoryEventStore();
  const desk = await openDeskOn(store, { ids: sequentialIds(), plan });
  if (plan === 'enterprise') await desk.changeSettings({ multipleOrganizations: true });
  const logger = quietLogger();
  const manager = organizationProcessManager({
    ...desk.deps,
    snapshots: logSnapshots(store),
    pageSize: 2,
    logger,
    progress: alwaysCaughtUp,
    members: logMembers(store),
  });
  // a tail that starts at the head and keeps few events: the process reads the log behind it in pages
  const tail =
    reading === 'its own subscription' ? undefined : await sharedTail(store, { capacity: 3 });
  const process = startProcessManager(
    { store, checkpoints: memoryCheckpoints(), logger, retryDelayMs: 5, ...(tail && { tail }) },
    manager,
  );
  const running = {
    stop: async () => {
      await process.stop();
      await tail?.close();
    },
  };
  const membershipIn = async (userId: Uuid, organizationId: Uuid) => {
    const user = await succeed(loadUser(store, desk.opened.accountId, userId));
    return user.memberships.find((m) => m.organizationId === organizationId)!.membershipId;
  };
  const leave = async (userId: Uuid, organizationId: Uuid) =>
    succeed(
      handleCommand(
        desk.deps,
        userDecider,
        streams.user(userId),
        {
          type: 'RemoveOrganizationMembership',
          userId,
          membershipId: await membershipIn(userId, organizationId),
        },
        contextOf(desk.owner()),
      ),
    );
  const removeOrganization = (organizationId: Uuid) =>
    succeed(
      handleCommand(
        desk.deps,
        organizationDecider,
        streams.organization(organizationId),
        { type: 'RemoveOrganization', organizationId, isAccountDefault: false },
        contextOf(desk.owner()),
      ),
    );
  /** the ticket's organization changes, once the process has moved it (or it stays put) */
  const organizationChanges = async (ticketId: Uuid) =>
    (await readStream(store, streams.ticket(ticketId)))
      .filter((e) => e.type === 'TicketOrganizationChanged')
      .map((e) => e.data);
  const moved = (ticketId: Uuid) =>
    eventually(`ticket ${ticketId} to move`, async () => {
      const changes = await organizationChanges(ticketId);
      return changes.length > 0 ? changes : undefined;
    });
  return { store, desk, running, leave, removeOrganization, organizationChanges, moved, logger };
};

describe.each<[Reading]>([['its own subscription'], ['a shared tail of the log']])(
  'the organization process reading %s',
  (how) => {
    beforeAll(() => {
      reading = how;
    });

    describe('R2.8 a requester removed from an organization', () => {
      it('moves their open tickets there to their new default organization; archived ones stay', async () => {
        const { desk, running, leave, moved, organizationChanges, store } =
          await setUp('enterprise');
        const acme = await desk.organization('Acme');
        const globex = await desk.organization('Globex');
        const ann = await desk.endUser('Ann', {
          emails: ['ann@example.com'],
          organizationIds: [acme, globex],
        });
        const inAcme = await desk.ticket(ann, { organizationId: acme });
        const archived = await desk.ticket(ann, { organizationId: acme, archived: true });
        const inGlobex = await desk.ticket(ann, { organizationId: globex });
        await leave(ann, acme);
        expect(await moved(inAcme)).toEqual([
          expect.objectContaining({
            previous_organization_id: acme,
            organization_id: globex,
            reason: 'membership_removed',
          }),
        ]);
        const user = await readStream(store, streams.user(ann));
        expect(user.map((e) => e.type).slice(-2)).toEqual([
          'DefaultOrganizationChanged',
          'OrganizationMembershipRemoved',
        ]);
        await running.stop();
        expect(await organizationChanges(archived)).toEqual([]);
        expect(await organizationChanges(inGlobex)).toEqual([]);
      });

      it('leaves the tickets of a user left with no organization with none', async () => {
        const { desk, running, leave, moved } = await setUp('team');
        const acme = await desk.organization('Acme');
        const bob = await desk.endUser('Bob', {
          emails: ['bob@example.com'],
          organizationIds: [acme],
        });
        const ticket = await desk.ticket(bob, { status: 'closed' });
        await leave(bob, acme);
        expect(await moved(ticket)).toEqual([
          expect.objectContaining({ organization_id: null, reason: 'membership_removed' }),
        ]);
        await running.stop();
      });
    });

    describe('R2.9 an organization removed', () => {
      it("promotes each member's next organization, moves the open tickets there or to none, keeps archived ones", async () => {
        const { desk, running, removeOrganization, moved, organizationChanges, store } =
          await setUp('enterprise');
        const acme = await desk.organization('Acme');
        const globex = await desk.organization('Globex');
        const ann = await desk.endUser('Ann', {
          emails: ['ann@example.com'],
          organizationIds: [acme, globex],
        });
        const bob = await desk.endUser('Bob', {
          emails: ['bob@example.com'],
          organizationIds: [acme],
        });
        const annTicket = await desk.ticket(ann, { organizationId: acme });
        const bobTicket = await desk.ticket(bob, { organizationId: acme });
        const archived = await desk.ticket(bob, { organizationId: acme, archived: true });
        await removeOrganization(acme);
        expect(await moved(annTicket)).toEqual([
          expect.objectContaining({ organization_id: globex, reason: 'organization_removed' }),
        ]);
        expect(await moved(bobTicket)).toEqual([
          expect.objectContaining({ organization_id: null, reason: 'organization_removed' }),
        ]);
        const annEvents = await readStream(store, streams.user(ann));
        expect(annEvents.at(-1)).toMatchObject({
          type: 'OrganizationMembershipRemoved',
          data: { organization_id: acme },
          metadata: { via: { rel: 'organization_removed' }, actor: { type: 'system' } },
        });
        await running.stop();
        expect(await organizationChanges(archived)).toEqual([]);
      });
    });
  },
);
