import * as O from 'fp-ts/Option';
import { memoryCredentials } from '../testing';
import { failure, forbidden, notFound, openDesk, run } from '../use-cases/use-case.fixtures';
import { hashApiToken, issueApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { authenticateApiToken } from './authenticate';
import { deleteUser } from '../use-cases/user-changes';

const setup = async () => {
  const desk = await openDesk();
  const credentials = memoryCredentials();
  const deps = { ...desk.deps, credentials: credentials.store };
  return { ...desk, deps, credentials };
};

describe('API tokens', () => {
  it('are random, shown once and stored as their SHA-256 only', async () => {
    const { deps, owner, opened, credentials } = await setup();
    const first = await run(issueApiToken(deps, owner, opened.ownerId));
    const second = await run(issueApiToken(deps, owner, opened.ownerId));
    expect(first.token).not.toBe(second.token);
    expect(first.token.length).toBeGreaterThanOrEqual(40);
    const stored = [...credentials.tokens.values()];
    expect(stored.map((t) => t.tokenHash)).toEqual([
      hashApiToken(first.token),
      hashApiToken(second.token),
    ]);
    expect(JSON.stringify(stored)).not.toContain(first.token);
  });

  it('authenticate their user while active, and no longer once deleted', async () => {
    const { deps, owner, addUser } = await setup();
    const al = await addUser('Al', 'agent', 'al@acme.com');
    const issued = await run(issueApiToken(deps, owner, al));
    const found = await run(authenticateApiToken(deps, issued.token));
    expect(O.isSome(found) && found.value.user.id).toBe(al);
    expect(await run(authenticateApiToken(deps, 'hd_not-a-token'))).toEqual(O.none);
    await run(deleteUser(deps, owner, al));
    expect(await run(authenticateApiToken(deps, issued.token))).toEqual(O.none);
  });

  it('are issued by admins for agents and admins, never for end users; agents only for themselves', async () => {
    const { deps, owner, opened, callerAs, addUser } = await setup();
    const al = await addUser('Al', 'agent');
    const ann = await addUser('Ann', 'end-user');
    expect(await failure(issueApiToken(deps, owner, ann))).toEqual(forbidden);
    expect(await failure(issueApiToken(deps, callerAs(al, 'agent'), opened.ownerId))).toEqual(
      forbidden,
    );
    await run(issueApiToken(deps, callerAs(ann, 'end-user'), ann));
  });

  it('are listed by id and date, without their values or hashes', async () => {
    const { deps, owner, callerAs, addUser } = await setup();
    const al = await addUser('Al', 'agent');
    const issued = await run(issueApiToken(deps, owner, al));
    const listed = await run(listApiTokens(deps, callerAs(al, 'agent'), al));
    expect(listed).toEqual([
      { id: issued.id, userId: al, accountId: issued.accountId, createdAt: issued.createdAt },
    ]);
    expect(await run(listApiTokens(deps, owner, al))).toEqual(listed);
  });

  it('are revoked by their user or an admin, then authenticate no one; agents cannot revoke others’', async () => {
    const { deps, owner, callerAs, addUser } = await setup();
    const al = await addUser('Al', 'agent');
    const bo = await addUser('Bo', 'agent');
    const ann = await addUser('Ann', 'end-user');
    const als = await run(issueApiToken(deps, owner, al));
    const anns = await run(issueApiToken(deps, callerAs(ann, 'end-user'), ann));
    expect(await failure(revokeApiToken(deps, callerAs(bo, 'agent'), al, als.id))).toEqual(
      forbidden,
    );
    await run(revokeApiToken(deps, callerAs(al, 'agent'), al, als.id));
    expect(await run(authenticateApiToken(deps, als.token))).toEqual(O.none);
    expect(await failure(revokeApiToken(deps, callerAs(al, 'agent'), al, als.id))).toEqual(
      notFound,
    );
    // an admin stops an end user's leaked token, though it may not issue one for them
    await run(revokeApiToken(deps, owner, ann, anns.id));
    expect(await run(authenticateApiToken(deps, anns.token))).toEqual(O.none);
    // a token id under the wrong user is not found
    const bos = await run(issueApiToken(deps, owner, bo));
    expect(await failure(revokeApiToken(deps, owner, al, bos.id))).toEqual(notFound);
    expect(O.isSome(await run(authenticateApiToken(deps, bos.token)))).toBe(true);
  });
});
