import { addOrganization, removeOrganization, updateOrganization } from './organization-changes';
import { createOrganization } from './organizations';
import { failure, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

const setup = async () => {
  const desk = await openDesk();
  const create = async (name: string, domainNames: string[] = []) => {
    const result = await run(createOrganization(desk.deps, desk.owner, { name, domainNames }));
    if (result.state === null) throw new Error('no organization');
    return result.state.id;
  };
  return { ...desk, create };
};

describe('updateOrganization', () => {
  it('renames and changes domains in one append, and frees the old name and domain', async () => {
    const { deps, owner, create } = await setup();
    const acme = await create('Acme', ['acme.com']);
    const result = await run(
      updateOrganization(deps, owner, acme, { name: 'Acme Corp', domainNames: ['ACME.org'] }),
    );
    expect(result.events.map((e) => e.type)).toEqual([
      'OrganizationRenamed',
      'OrganizationDomainsChanged',
    ]);
    expect(result.state?.domainNames).toEqual(['acme.org']);
    // the old values can be taken by another organization again
    await create('Acme', ['acme.com']);
  });

  it('keeps the claim when only the case of the name changes', async () => {
    const { deps, owner, create } = await setup();
    const acme = await create('Acme');
    await run(updateOrganization(deps, owner, acme, { name: 'ACME' }));
    expect(await failure(createOrganization(deps, owner, { name: 'acme' }))).toEqual(
      refusedWith('R5.2'),
    );
  });

  it('refuses a name another organization has, and changes nothing', async () => {
    const { deps, owner, create } = await setup();
    await create('Globex');
    const acme = await create('Acme', ['acme.com']);
    expect(
      await failure(updateOrganization(deps, owner, acme, { name: 'globex', domainNames: [] })),
    ).toEqual(refusedWith('R5.2'));
    // acme.com is still Acme's
    expect(
      await failure(createOrganization(deps, owner, { name: 'X', domainNames: ['acme.com'] })),
    ).toEqual(refusedWith('R5.2'));
  });
});

describe('removeOrganization', () => {
  it('emits OrganizationRemoved, frees the name, and a removed organization is then not found', async () => {
    const { deps, owner, create } = await setup();
    const acme = await create('Acme');
    const removed = await run(removeOrganization(deps, owner, acme));
    expect(removed.events.map((e) => e.type)).toEqual(['OrganizationRemoved']);
    await create('Acme');
    expect(await failure(removeOrganization(deps, owner, acme))).toEqual(notFound);
  });

  it('R6.4 never removes the account’s "Unassigned" organization', async () => {
    const { deps, owner, opened } = await setup();
    expect(await failure(removeOrganization(deps, owner, opened.defaultOrganizationId))).toEqual(
      refusedWith('R6.4'),
    );
  });
});

describe('a refused organization change appends nothing', () => {
  it('R5.2 a taken domain refuses the creation before the name is claimed', async () => {
    const { deps, owner, create, appends } = await setup();
    await create('Globex', ['globex.com']);
    const before = appends.length;
    expect(
      await failure(addOrganization(deps, owner, { name: 'Acme', domainNames: ['globex.com'] })),
    ).toEqual(refusedWith('R5.2'));
    expect(appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });

  it('R5.2 a taken domain refuses the update before the new name is claimed', async () => {
    const { deps, owner, create, appends } = await setup();
    await create('Globex', ['globex.com']);
    const acme = await create('Acme');
    const before = appends.length;
    expect(
      await failure(
        updateOrganization(deps, owner, acme, { name: 'Acme 2', domainNames: ['globex.com'] }),
      ),
    ).toEqual(refusedWith('R5.2'));
    expect(appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });
});
