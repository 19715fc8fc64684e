import * as O from 'fp-ts/Option';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { listAdmins } from '../users/queries';
import { usersProjection } from '../users/projection';
import { roleLabel } from '../users/view';
import { accountsProjection } from './projection';
import { findAccount, ownerTransfersOf, type AccountView } from './queries';

describe('accounts read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (...args: Parameters<typeof projected>) => {
    const db = await projected(...args);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  const accountIn = async (db: TestDatabase, id: string): Promise<AccountView> => {
    const found = await ok(findAccount(db.client, id));
    if (O.isNone(found)) throw new Error(`account ${id} is not in the read model`);
    return found.value;
  };

  const scenario = () => {
    const desk = new HelpDesk();
    const { accountId, ownerId, unassignedId } = desk.openAccount('Acme support', 'professional');
    const admin = desk.createUser(accountId, { name: 'Second Admin', role: 'admin' });
    const third = desk.createUser(accountId, { name: 'Third Admin', role: 'admin' });
    return { desk, accountId, ownerId, unassignedId, admin, third };
  };

  describe('R4.1 R4.2 R4.3 one owner at a time, and the history of transfers', () => {
    it('shows the current owner and every transfer with who made it', async () => {
      const { desk, accountId, ownerId, admin, third } = scenario();
      desk.transferOwnership(accountId, admin);
      desk.transferOwnership(accountId, third);
      const db = await open([accountsProjection, usersProjection], desk.events, 1);

      expect((await accountIn(db, accountId)).ownerId).toBe(third);
      const transfers = await ok(ownerTransfersOf(db.client, accountId));
      expect(transfers.map((t) => [t.previousOwnerId, t.ownerId, t.transferredBy])).toEqual([
        [ownerId, admin, ownerId],
        [admin, third, admin],
      ]);
      expect(transfers[0]!.transferredAt < transfers[1]!.transferredAt).toBe(true);
    });

    it('R4.4 R4.7 keeps the previous owner an admin and labels the new one "admin (owner)"', async () => {
      const { desk, accountId, ownerId, admin, third } = scenario();
      desk.transferOwnership(accountId, admin);
      const db = await open([accountsProjection, usersProjection], desk.events);
      const account = await accountIn(db, accountId);
      const admins = await ok(listAdmins(db.client, accountId));
      expect(admins.map((u) => [u.id, roleLabel(u, account.ownerId)])).toEqual([
        [ownerId, 'admin'],
        [admin, 'admin (owner)'],
        [third, 'admin'],
      ]);
    });
  });

  it('follows the name, plan and settings', async () => {
    const { desk, accountId, unassignedId, ownerId } = scenario();
    const settings = {
      multiple_organizations: true,
      sso: 'saml' as const,
      auto_create_users_from_email: false,
      welcome_email: { enabled: true, template_id: desk.log.id() },
      portal_url: 'https://help.acme.com',
    };
    desk.log.append(
      `account-${accountId}`,
      [
        {
          type: 'AccountRenamed',
          data: { account_id: accountId, name: 'Acme help', previous_name: 'Acme support' },
        },
        {
          type: 'AccountPlanChanged',
          data: { account_id: accountId, plan: 'enterprise', previous_plan: 'professional' },
        },
        { type: 'AccountSettingsChanged', data: { account_id: accountId, settings } },
      ],
      { accountId, actorId: ownerId },
    );
    const db = await open([accountsProjection], desk.events);
    expect(await accountIn(db, accountId)).toMatchObject({
      name: 'Acme help',
      plan: 'enterprise',
      defaultOrganizationId: unassignedId,
      settings,
      version: 3n,
    });
    expect(O.isNone(await ok(findAccount(db.client, desk.log.id())))).toBe(true);
  });

  it('folds a log into the same rows whatever the batch boundaries', async () => {
    const { desk, accountId, admin, third } = scenario();
    desk.transferOwnership(accountId, admin);
    desk.openAccount('Second desk');
    desk.transferOwnership(accountId, third);
    const dump = async (db: TestDatabase) => [
      await tableRows(db.client, 'accounts', 'id'),
      await tableRows(db.client, 'account_owner_transfers', 'global_position'),
    ];
    const one = await dump(await open([accountsProjection], desk.events, 1));
    expect(await dump(await open([accountsProjection], desk.events, 100))).toEqual(one);
    expect(one.map((rows) => rows.length)).toEqual([2, 2]);
  });
});
