import { updateAccount } from './account-changes';
import { failure, forbidden, openDesk, refusedWith, run } from './use-case.fixtures';

describe('updateAccount', () => {
  it('R2.1 an upgrade and the setting it allows pass in one request, in one append', async () => {
    const { deps, owner, appends } = await openDesk('team');
    const before = appends.length;
    const result = await run(
      updateAccount(deps, owner, {
        name: 'Acme Inc',
        plan: 'professional',
        settings: { multipleOrganizations: true },
      }),
    );
    expect(result.events.map((e) => e.type)).toEqual([
      'AccountRenamed',
      'AccountPlanChanged',
      'AccountSettingsChanged',
    ]);
    expect(appends.length - before).toBe(1);
  });

  it('R2.1 a downgrade that turns the setting off passes; one that keeps it is refused whole', async () => {
    const { deps, owner, appends } = await openDesk('enterprise');
    await run(updateAccount(deps, owner, { settings: { multipleOrganizations: true } }));
    const before = appends.length;
    expect(await failure(updateAccount(deps, owner, { name: 'New', plan: 'team' }))).toEqual(
      refusedWith('R2.1'),
    );
    expect(appends.length).toBe(before);
    const result = await run(
      updateAccount(deps, owner, { plan: 'team', settings: { multipleOrganizations: false } }),
    );
    expect(result.state?.plan).toBe('team');
  });

  it('is for admins only', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const agent = callerAs(await addUser('Al', 'agent'), 'agent');
    expect(await failure(updateAccount(deps, agent, { name: 'Mine' }))).toEqual(forbidden);
  });
});
