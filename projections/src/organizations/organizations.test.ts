import * as O from 'fp-ts/Option';
import { HelpDesk } from '../read-model/testing/help-desk';
import { ok, projected, tableRows } from '../read-model/testing/project';
import type { TestDatabase } from '../testing/test-database';
import { organizationsProjection } from './projection';
import {
  findOrganization,
  findOrganizationByDomain,
  findOrganizationByName,
  listOrganizations,
} from './queries';

describe('organizations read model', () => {
  const dbs: TestDatabase[] = [];
  const open = async (...args: Parameters<typeof projected>) => {
    const db = await projected(...args);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  const scenario = () => {
    const desk = new HelpDesk();
    const { accountId, ownerId, unassignedId } = desk.openAccount('Acme support');
    const acme = desk.organization(accountId, 'Acme', ['acme.com']);
    const globex = desk.organization(accountId, 'Globex', ['globex.com', 'globex.fr']);
    return { desk, accountId, ownerId, unassignedId, acme, globex };
  };

  it('R6.4 finds an organization by one of its domains, after a rename and new domains', async () => {
    const { desk, accountId, ownerId, acme, globex } = scenario();
    desk.log.append(
      `organization-${acme}`,
      [
        {
          type: 'OrganizationRenamed',
          data: { organization_id: acme, name: 'Acme Corp', previous_name: 'Acme' },
        },
        {
          type: 'OrganizationDomainsChanged',
          data: { organization_id: acme, domain_names: ['acme.io'] },
        },
      ],
      { accountId, actorId: ownerId },
    );
    const db = await open([organizationsProjection], desk.events, 1);
    const byDomain = async (domain: string) =>
      O.toNullable(await ok(findOrganizationByDomain(db.client, accountId, domain)))?.id ?? null;
    expect(await byDomain('ACME.IO')).toBe(acme);
    expect(await byDomain('acme.com')).toBeNull();
    expect(await byDomain('globex.fr')).toBe(globex);
    const renamed = O.toNullable(
      await ok(findOrganizationByName(db.client, accountId, 'acme corp')),
    );
    expect(renamed).toMatchObject({
      id: acme,
      name: 'Acme Corp',
      domainNames: ['acme.io'],
      version: 2n,
    });
  });

  it('R2.9 keeps a removed organization, flagged, out of lists and lookups', async () => {
    const { desk, accountId, unassignedId, acme, globex } = scenario();
    desk.removeOrganization(accountId, globex);
    const db = await open([organizationsProjection], desk.events);
    expect(O.toNullable(await ok(findOrganization(db.client, accountId, globex)))?.removed).toBe(
      true,
    );
    expect(O.isNone(await ok(findOrganizationByDomain(db.client, accountId, 'globex.com')))).toBe(
      true,
    );
    const listed = await ok(listOrganizations(db.client, accountId));
    expect(listed.items.map((o) => o.id)).toEqual([unassignedId, acme]);
    const all = await ok(
      listOrganizations(db.client, accountId, { includeRemoved: true, size: 2 }),
    );
    expect([all.items.length, all.hasMore]).toEqual([2, true]);
  });

  it('folds a log into the same rows whatever the batch boundaries', async () => {
    const { desk, accountId, acme } = scenario();
    desk.removeOrganization(accountId, acme);
    desk.organization(accountId, 'Initech', ['initech.com']);
    const one = await tableRows(
      (await open([organizationsProjection], desk.events, 1)).client,
      'organizations',
      'id',
    );
    const all = await tableRows(
      (await open([organizationsProjection], desk.events, 50)).client,
      'organizations',
      'id',
    );
    expect(all).toEqual(one);
    expect(one).toHaveLength(4);
  });
});
