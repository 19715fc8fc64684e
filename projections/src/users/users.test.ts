import * as O from 'fp-ts/Option';
import { organizationsProjection } from '../organizations/projection';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { usersProjection } from './projection';
import {
  findUser,
  findUserByEmail,
  listAdmins,
  listUsers,
  memberIdsOf,
  membershipsOf,
} from './queries';
import { emailDomainIn, searchUsers } from './search';
import { roleLabel, type UserView } from './view';

const models = [usersProjection, organizationsProjection];

const scenario = () => {
  const desk = new HelpDesk();
  const { accountId, ownerId } = desk.openAccount('Acme support');
  const acme = desk.organization(accountId, 'Acme Corporation', ['acme.com']);
  const globex = desk.organization(accountId, 'Globex');
  const alice = desk.createUser(accountId, {
    name: 'Alice Martin',
    email: 'alice@acme.com',
    organizations: [acme],
  });
  const bob = desk.createUser(accountId, {
    name: 'Bob Durand',
    email: 'Bob@Globex.com',
    organizations: [globex],
  });
  const carol = desk.createUser(accountId, {
    name: 'Carol Petit',
    email: 'carol@example.org',
    organizations: [globex, acme],
  });
  return { desk, accountId, ownerId, acme, globex, alice, bob, carol };
};

describe('users read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (...args: Parameters<typeof projected>) => {
    const db = await projected(...args);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  const userIn = async (db: TestDatabase, accountId: string, id: string): Promise<UserView> => {
    const found = await ok(findUser(db.client, accountId, id));
    if (O.isNone(found)) throw new Error(`user ${id} is not in the read model`);
    return found.value;
  };

  describe('R1.4 one search box finds users by name, email domain or organization name', () => {
    let db: TestDatabase;
    let s: ReturnType<typeof scenario>;
    const names = async (query: string) =>
      (await ok(searchUsers(db.client, s.accountId, query))).map((u) => u.name);

    beforeAll(async () => {
      s = scenario();
      db = await open(models, s.desk.events);
    });

    it('by part of a name, in any case', async () => {
      expect(await names('martin')).toEqual(['Alice Martin']);
      expect(await names('  DURAND ')).toEqual(['Bob Durand']);
    });

    it('by an email domain written @acme.com or acme.com, in any case', async () => {
      expect(await names('@acme.com')).toEqual(['Alice Martin']);
      expect(await names('globex.com')).toEqual(['Bob Durand']);
      expect(await names('@GLOBEX.COM')).toEqual(['Bob Durand']);
      expect(emailDomainIn('alice martin')).toBeNull();
    });

    it('by an organization name, listing its members', async () => {
      expect(await names('globex')).toEqual(['Bob Durand', 'Carol Petit']);
      expect(await names('Acme Corp')).toEqual(['Alice Martin', 'Carol Petit']);
    });

    it('by a whole address, and nothing for text that matches nobody or nothing at all', async () => {
      expect(await names('CAROL@example.org')).toEqual(['Carol Petit']);
      expect(await names('zebra')).toEqual([]);
      expect(await names('   ')).toEqual([]);
      expect(await names('100%')).toEqual([]);
    });

    it('only in its own account', async () => {
      const other = s.desk.openAccount('Other');
      const db2 = await open(models, s.desk.events);
      expect(await ok(searchUsers(db2.client, other.accountId, 'acme.com'))).toEqual([]);
    });
  });

  describe('R3.5 R3.8 a merge', () => {
    it('marks the source merged into the target and gives the target its emails and organizations', async () => {
      const { desk, accountId, ownerId, acme, globex, alice, bob } = scenario();
      desk.merge(alice, bob, ownerId);
      const db = await open(models, desk.events);

      expect(await userIn(db, accountId, alice)).toMatchObject({
        status: 'merged',
        mergedIntoId: bob,
      });
      const target = await userIn(db, accountId, bob);
      expect(target).toMatchObject({
        status: 'active',
        email: 'Bob@Globex.com',
        organizationId: globex,
      });
      expect(target.identities.map((i) => [i.value, i.primary])).toEqual([
        ['Bob@Globex.com', true],
        ['alice@acme.com', false],
      ]);
      expect(target.memberships.map((m) => [m.organizationId, m.isDefault])).toEqual([
        [globex, true],
        [acme, false],
      ]);
      // R3.5 the merged source is no longer offered as a requester
      expect((await ok(searchUsers(db.client, accountId, 'Alice'))).map((u) => u.id)).toEqual([]);
      const all = await ok(searchUsers(db.client, accountId, 'Alice', { includeInactive: true }));
      expect(all.map((u) => u.status)).toEqual(['merged']);
      expect(
        O.toNullable(await ok(findUserByEmail(db.client, accountId, 'ALICE@acme.com')))?.id,
      ).toBe(bob);
    });
  });

  describe('R2.1 R2.8 R2.9 memberships', () => {
    it('promotes another default when a user leaves the default organization', async () => {
      const { desk, accountId, acme, globex, carol } = scenario();
      desk.leave(carol, globex);
      const db = await open(models, desk.events);
      const memberships = await ok(membershipsOf(db.client, accountId, carol));
      expect(memberships.map((m) => [m.organizationId, m.isDefault])).toEqual([[acme, true]]);
      expect((await userIn(db, accountId, carol)).organizationIds).toEqual([acme]);
    });

    it('leaves a user with no organization when the last one is removed', async () => {
      const { desk, accountId, acme, alice, carol, globex } = scenario();
      desk.removeOrganization(accountId, acme);
      const db = await open(models, desk.events);
      expect(await userIn(db, accountId, alice)).toMatchObject({
        organizationId: null,
        organizationIds: [],
      });
      expect((await userIn(db, accountId, carol)).organizationIds).toEqual([globex]);
      expect(await ok(memberIdsOf(db.client, accountId, acme))).toEqual([]);
      // a removed organization no longer finds its former members (R1.4)
      expect(await ok(searchUsers(db.client, accountId, 'Acme Corporation'))).toEqual([]);
    });

    it('records primary contacts (R6.9)', async () => {
      const { desk, accountId, globex, alice } = scenario();
      desk.join(alice, globex, true);
      const db = await open(models, desk.events);
      const memberships = await ok(membershipsOf(db.client, accountId, alice));
      expect(memberships.map((m) => m.primaryContact)).toEqual([false, true]);
      expect(await ok(memberIdsOf(db.client, accountId, globex))).toHaveLength(3);
    });
  });

  describe('R4.7 the team can find the owner', () => {
    it('lists admins and labels the owner "admin (owner)"', async () => {
      const { desk, accountId, ownerId, bob } = scenario();
      const agent = desk.createUser(accountId, { name: 'Agent Smith', role: 'agent' });
      desk.changeRole(agent, 'admin', 'agent');
      desk.changeRole(bob, 'agent', 'end-user');
      const db = await open(models, desk.events);
      const admins = await ok(listAdmins(db.client, accountId));
      expect(admins.map((u) => [u.id, roleLabel(u, ownerId)])).toEqual([
        [ownerId, 'admin (owner)'],
        [agent, 'admin'],
      ]);
      const agents = await ok(listUsers(db.client, accountId, { role: 'agent' }));
      expect(agents.items.map((u) => u.id)).toEqual([bob]);
    });
  });

  it('follows identity and profile changes', async () => {
    const { desk, accountId, alice } = scenario();
    const second = desk.log.id();
    desk.log.append(
      `user-${alice}`,
      [
        {
          type: 'IdentityAdded',
          data: {
            user_id: alice,
            identity: {
              identity_id: second,
              type: 'email',
              value: 'a.martin@new.com',
              verified: true,
              primary: false,
            },
          },
        },
        {
          type: 'UserProfileChanged',
          data: { user_id: alice, changes: { name: 'Alice Moreau', tags: ['vip'], locale: 'fr' } },
        },
      ],
      { accountId },
    );
    const first = (await userIn(await open(models, desk.events), accountId, alice)).identities[0]!
      .id;
    desk.log.append(
      `user-${alice}`,
      [
        {
          type: 'PrimaryIdentityChanged',
          data: { user_id: alice, identity_id: second, previous_identity_id: first },
        },
        { type: 'IdentityRemoved', data: { user_id: alice, identity_id: first } },
        { type: 'UserVerified', data: { user_id: alice } },
      ],
      { accountId },
    );
    const db = await open(models, desk.events, 1);
    expect(await userIn(db, accountId, alice)).toMatchObject({
      name: 'Alice Moreau',
      email: 'a.martin@new.com',
      verified: true,
      tags: ['vip'],
      locale: 'fr',
      identities: [{ id: second, primary: true, verified: true }],
    });
    expect(O.isNone(await ok(findUserByEmail(db.client, accountId, 'alice@acme.com')))).toBe(true);
  });

  it('folds a log into the same rows whatever the batch boundaries', async () => {
    const { desk, accountId, ownerId, acme, globex, alice, bob, carol } = scenario();
    desk.join(alice, globex);
    desk.leave(carol, globex);
    desk.merge(alice, bob, ownerId);
    desk.removeOrganization(accountId, acme);
    const tables = [
      ['users', 'id'],
      ['user_identities', 'id'],
      ['organization_memberships', 'id'],
      ['organizations', 'id'],
    ] as const;
    const dump = async (db: TestDatabase) =>
      Promise.all(tables.map(([table, order]) => tableRows(db.client, table, order)));
    const one = await dump(await open(models, desk.events, 1));
    expect(await dump(await open(models, desk.events, 4))).toEqual(one);
    expect(await dump(await open(models, desk.events, 1000))).toEqual(one);
    expect(one[0]).toHaveLength(4);
  });
});
