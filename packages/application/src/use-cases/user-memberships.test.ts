import { addMembership, makeDefaultMembership, removeMembership } from './user-memberships';
import { updateAccount } from './account-changes';
import { createOrganization } from './organizations';
import { failure, forbidden, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

const organizationOf = async (desk: Awaited<ReturnType<typeof openDesk>>, name: string) => {
  const result = await run(createOrganization(desk.deps, desk.owner, { name }));
  if (result.state === null) throw new Error('no organization');
  return result.state.id;
};

describe('memberships', () => {
  it('R2.1 on the Team plan a user belongs to one organization at most', async () => {
    const desk = await openDesk('team');
    const ann = await desk.addUser('Ann', 'end-user');
    const acme = await organizationOf(desk, 'Acme Corp');
    const globex = await organizationOf(desk, 'Globex');
    const joined = await run(
      addMembership(desk.deps, desk.owner, { userId: ann, organizationId: acme }),
    );
    expect(joined.result.events.map((e) => e.type)).toEqual([
      'OrganizationMembershipAdded',
      'DefaultOrganizationChanged',
    ]);
    expect(
      await failure(addMembership(desk.deps, desk.owner, { userId: ann, organizationId: globex })),
    ).toEqual(refusedWith('R2.1'));
  });

  it('R2.1 with several organizations, one is made the default; leaving it promotes another (R2.8)', async () => {
    const desk = await openDesk('enterprise');
    const { deps, owner } = desk;
    await run(updateAccount(deps, owner, { settings: { multipleOrganizations: true } }));
    const ann = await desk.addUser('Ann', 'end-user');
    const acme = await organizationOf(desk, 'Acme Corp');
    const globex = await organizationOf(desk, 'Globex');
    const first = await run(addMembership(deps, owner, { userId: ann, organizationId: acme }));
    const second = await run(addMembership(deps, owner, { userId: ann, organizationId: globex }));
    const made = await run(makeDefaultMembership(deps, owner, ann, second.membershipId));
    expect(made.state.exists && made.state.defaultOrganizationId).toBe(globex);
    const left = await run(removeMembership(deps, owner, ann, second.membershipId));
    expect(left.state.exists && left.state.defaultOrganizationId).toBe(acme);
    expect(first.membershipId).not.toBe(second.membershipId);
  });

  it('finds no organization of another account, and no removed one', async () => {
    const desk = await openDesk();
    const other = await openDesk('team', 'ffffffff');
    const ann = await desk.addUser('Ann', 'end-user');
    const foreign = await organizationOf(other, 'Initech');
    expect(
      await failure(addMembership(desk.deps, desk.owner, { userId: ann, organizationId: foreign })),
    ).toEqual(notFound);
  });

  it('is not for end users, even for themselves', async () => {
    const desk = await openDesk();
    const ann = await desk.addUser('Ann', 'end-user');
    const acme = await organizationOf(desk, 'Acme Corp');
    expect(
      await failure(
        addMembership(desk.deps, desk.callerAs(ann, 'end-user'), {
          userId: ann,
          organizationId: acme,
        }),
      ),
    ).toEqual(forbidden);
  });
});
