import * as E from 'fp-ts/Either';
import { addUser } from './add-user';
import { carryOutMerge, requestMerge } from './request-merge';
import { failure, noTickets, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

describe('requestMerge then carryOutMerge', () => {
  it('R3.1 R3.5 merges the source at once, then the rest completes, and a second run changes nothing (R3.9)', async () => {
    const { deps, owner, addUser: add, appends } = await openDesk();
    const source = await add('Bob (dup)', 'end-user', 'bob@old.com');
    const target = await add('Bob', 'end-user', 'bob@new.com');
    const requested = await run(requestMerge(deps, noTickets, owner, source, target));
    expect(requested.merged.type).toBe('UserMerged');
    expect(await run(carryOutMerge(deps, noTickets, owner, source))).toEqual({
      ticketsRewritten: 0,
      ccsReplaced: 0,
    });
    const after = appends.length;
    await run(carryOutMerge(deps, noTickets, owner, source));
    expect(appends.slice(after).every((a) => a.eventCount === 0)).toBe(true);
    expect(await failure(requestMerge(deps, noTickets, owner, source, target))).toEqual(
      refusedWith('R3.5'),
    );
  });

  it('R3.1 refuses to merge an agent', async () => {
    const { deps, owner, addUser: add } = await openDesk();
    const agent = await add('Al', 'agent', 'al@acme.com');
    const target = await add('Bob', 'end-user', 'bob@new.com');
    expect(await failure(requestMerge(deps, noTickets, owner, agent, target))).toEqual(
      refusedWith('R3.1'),
    );
  });

  it('R3.3 reads the requested-ticket counts through the port', async () => {
    const { deps, owner, addUser: add } = await openDesk();
    const source = await add('Bob (dup)', 'end-user', 'bob@old.com');
    const target = await add('Bob', 'end-user', 'bob@new.com');
    const busy = { countRequested: () => async () => E.right(10_001) };
    expect(await failure(requestMerge(deps, busy, owner, source, target))).toEqual(
      refusedWith('R3.3'),
    );
  });

  it('has nothing to carry out for a user that was not merged', async () => {
    const { deps, owner, addUser: add } = await openDesk();
    const bob = await add('Bob', 'end-user', 'bob@new.com');
    expect(await failure(carryOutMerge(deps, noTickets, owner, bob))).toEqual(refusedWith('R3.9'));
  });
});

describe('addUser', () => {
  it('finds no organization of another account: nothing crosses accounts', async () => {
    const desk = await openDesk();
    const other = await openDesk('team', 'ffffffff');
    const error = await failure(
      addUser(desk.deps, desk.owner, {
        profile: { name: 'Ann' },
        role: 'end-user',
        source: 'manual',
        organizationIds: [other.opened.defaultOrganizationId],
      }),
    );
    expect(error).toEqual(notFound);
  });

  it('creates the user in an organization of the account', async () => {
    const desk = await openDesk();
    const created = await run(
      addUser(desk.deps, desk.owner, {
        profile: { name: 'Ann' },
        role: 'end-user',
        source: 'manual',
        organizationIds: [desk.opened.defaultOrganizationId],
      }),
    );
    expect(created.state.exists && created.state.defaultOrganizationId).toBe(
      desk.opened.defaultOrganizationId,
    );
  });

  it('R5.1 a refused user appends nothing, not even a claim given back', async () => {
    const desk = await openDesk();
    const agent = desk.callerAs(await desk.addUser('Al', 'agent'), 'agent');
    const before = desk.appends.length;
    const error = await failure(
      addUser(desk.deps, agent, {
        profile: { name: 'Bo' },
        role: 'admin',
        source: 'manual',
        emails: ['bo@acme.com'],
      }),
    );
    expect(error).toEqual(refusedWith('R5.1'));
    expect(desk.appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });
});
