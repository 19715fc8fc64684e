import { streams } from '@helpdesk/events';
import { createUser } from './create-user';
import { deleteUser, updateUser } from './user-changes';
import { failure, forbidden, notFound, openDesk, refusedWith, run } from './use-case.fixtures';

describe('updateUser', () => {
  it('changes profile fields, role and verification in one append', async () => {
    const { deps, owner, addUser, appends } = await openDesk();
    const ann = await addUser('Ann', 'end-user', 'ann@example.com');
    const before = appends.length;
    const result = await run(
      updateUser(deps, owner, ann, {
        profile: { name: 'Ann Lee', notes: 'VIP' },
        role: 'agent',
        verified: true,
      }),
    );
    expect(result.events.map((e) => e.type)).toEqual([
      'UserProfileChanged',
      'UserRoleChanged',
      'UserVerified',
    ]);
    expect(appends.slice(before)).toHaveLength(1);
  });

  it('R4.1 refuses to demote the owner, and appends none of the other changes', async () => {
    const { deps, owner, opened, appends } = await openDesk();
    const before = appends.length;
    const error = await failure(
      updateUser(deps, owner, opened.ownerId, { profile: { name: 'Olga K' }, role: 'agent' }),
    );
    expect(error).toEqual(refusedWith('R4.1'));
    expect(appends.length).toBe(before);
  });

  it('lets an end user change their own name but not their notes', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user');
    const self = callerAs(ann, 'end-user');
    await run(updateUser(deps, self, ann, { profile: { name: 'Ann B' } }));
    expect(await failure(updateUser(deps, self, ann, { profile: { notes: 'hi' } }))).toEqual(
      forbidden,
    );
    expect(await failure(updateUser(deps, self, ann, { role: 'admin' }))).toEqual(forbidden);
  });

  it('hides other users from an end user: not found', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user');
    const bob = await addUser('Bob', 'end-user');
    expect(
      await failure(updateUser(deps, callerAs(ann, 'end-user'), bob, { profile: { name: 'X' } })),
    ).toEqual(notFound);
  });

  it('lets agents manage end users only, and only admins change roles', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const agent = callerAs(await addUser('Al', 'agent'), 'agent');
    const admin = await addUser('Ada', 'admin');
    const ann = await addUser('Ann', 'end-user');
    await run(updateUser(deps, agent, ann, { profile: { notes: 'called twice' } }));
    expect(await failure(updateUser(deps, agent, admin, { profile: { name: 'A' } }))).toEqual(
      forbidden,
    );
    expect(await failure(updateUser(deps, agent, ann, { role: 'agent' }))).toEqual(forbidden);
  });

  it('finds no user of another account', async () => {
    const first = await openDesk();
    const second = await openDesk('team', 'ffffffff');
    const ann = await first.addUser('Ann', 'end-user');
    const error = await failure(
      updateUser(second.deps, second.owner, ann, { profile: { name: 'X' } }),
    );
    expect(error).toEqual(notFound);
  });

  it('fails with StaleVersion when the pinned revision is not the stream’s', async () => {
    const { deps, owner, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user');
    const error = await failure(
      updateUser(deps, owner, ann, { profile: { name: 'X' } }, { expectedRevision: 7n }),
    );
    expect(error).toMatchObject({ kind: 'StaleVersion', streamName: streams.user(ann) });
  });
});

describe('deleteUser', () => {
  it('R4.1 refuses to delete the owner', async () => {
    const { deps, callerAs, addUser, opened } = await openDesk();
    const admin = callerAs(await addUser('Ada', 'admin'), 'admin');
    expect(await failure(deleteUser(deps, admin, opened.ownerId))).toEqual(refusedWith('R4.1'));
  });

  it('R5.2 gives the deleted user’s address back, so a new user may take it', async () => {
    const { deps, owner, addUser } = await openDesk();
    const ann = await addUser('Ann', 'end-user', 'ann@example.com');
    const deleted = await run(deleteUser(deps, owner, ann));
    expect(deleted.events.map((e) => e.type)).toEqual(['UserDeleted']);
    const again = await run(
      createUser(deps, owner, {
        profile: { name: 'Ann again' },
        role: 'end-user',
        source: 'manual',
        emails: ['ANN@example.com'],
      }),
    );
    expect(again.events[0]?.type).toBe('UserCreated');
  });

  it('does not let users delete themselves', async () => {
    const { deps, callerAs, addUser } = await openDesk();
    const admin = await addUser('Ada', 'admin');
    expect(await failure(deleteUser(deps, callerAs(admin, 'admin'), admin))).toEqual(forbidden);
  });
});
