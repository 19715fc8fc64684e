import { createUser } from './create-user';
import { addIdentity, makePrimaryIdentity, removeIdentity } from './user-identities';
import { failure, forbidden, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

describe('identities', () => {
  it('R5.2 refuses an email another user of the account has, and appends nothing to the user', async () => {
    const { deps, owner, addUser, appends } = await openDesk();
    await addUser('Ann', 'end-user', 'ann@example.com');
    const bob = await addUser('Bob', 'end-user', 'bob@example.com');
    const before = appends.length;
    const error = await failure(
      addIdentity(deps, owner, bob, { type: 'email', value: 'ANN@example.com' }),
    );
    expect(error).toEqual(refusedWith('R5.2'));
    expect(appends.slice(before).filter((a) => a.eventCount > 0)).toEqual([]);
  });

  it('R4.6 the owner hands over their profile: add an email, make it primary, remove the old one', async () => {
    const { deps, owner, opened } = await openDesk();
    const added = await run(
      addIdentity(deps, owner, opened.ownerId, { type: 'email', value: 'new@acme.com' }),
    );
    const old = added.result.state.exists
      ? added.result.state.identities.find((i) => i.value === 'olga@acme.com')
      : undefined;
    if (old === undefined) throw new Error('old address missing');
    expect(await failure(removeIdentity(deps, owner, opened.ownerId, old.id))).toEqual(
      refusedWith('R4.6'),
    );
    await run(makePrimaryIdentity(deps, owner, opened.ownerId, added.identityId));
    const removed = await run(removeIdentity(deps, owner, opened.ownerId, old.id));
    expect(removed.events.map((e) => e.type)).toEqual(['IdentityRemoved']);
    // R5.2: the removed address is free again
    const taker = await run(
      createUser(deps, owner, {
        profile: { name: 'Olga two' },
        role: 'end-user',
        source: 'manual',
        emails: ['olga@acme.com'],
      }),
    );
    expect(taker.events[0]?.type).toBe('UserCreated');
  });

  it('lets an end user add their own phone, unverified whatever they say', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user', 'ann@example.com');
    const added = await run(
      addIdentity(deps, callerAs(ann, 'end-user'), ann, {
        type: 'phone_number',
        value: '+33 1 23 45 67 89',
        verified: true,
      }),
    );
    expect(added.result.events[0]?.data).toMatchObject({
      identity: { type: 'phone_number', verified: false },
    });
  });

  it('finds no identity that is not the user’s, and hides other users from end users', async () => {
    const { deps, owner, callerAs, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user', 'ann@example.com');
    const bob = await addUser('Bob', 'end-user', 'bob@example.com');
    expect(
      await failure(removeIdentity(deps, owner, ann, '00000000-0000-4000-8000-000000000999')),
    ).toEqual(notFound);
    expect(
      await failure(
        addIdentity(deps, callerAs(ann, 'end-user'), bob, { type: 'twitter', value: '@bob' }),
      ),
    ).toEqual(notFound);
    const agent = await addUser('Al', 'agent');
    const admin = await addUser('Ada', 'admin');
    expect(
      await failure(
        addIdentity(deps, callerAs(agent, 'agent'), admin, { type: 'twitter', value: '@ada' }),
      ),
    ).toEqual(forbidden);
  });
});
