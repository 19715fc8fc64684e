import * as E from 'fp-ts/Either';
import { carryOutUserMerge } from '../process-managers/merge/carry-out';
import { setUpMerge } from '../process-managers/merge/merge.fixtures';
import { deleteUser } from './user-changes';

const refusedWith = (rule: string) =>
  E.left({
    kind: 'DomainRefusal',
    error: expect.objectContaining({ kind: 'RuleViolation', rule }),
  });

describe('R3.6 the target of a merge under way cannot be deleted', () => {
  it('refuses to delete the target until the merge completes, then deletes it', async () => {
    const { desk, merge, carryOut } = await setUpMerge();
    const source = await desk.endUser('Bob (dup)', { emails: ['bob@old.example'] });
    const target = await desk.endUser('Bob', { emails: ['bob@new.example'] });
    await desk.ticket(source);
    await merge(source, target);
    expect(await deleteUser(desk.deps, desk.owner(), target)()).toEqual(refusedWith('R3.6'));
    await carryOut([source]);
    expect(E.isRight(await deleteUser(desk.deps, desk.owner(), target)())).toBe(true);
  });

  it('refuses to delete the end of a chain while a merge into a user merged into it is under way', async () => {
    const { desk, merge, carryOut, deps } = await setUpMerge();
    const ann = await desk.endUser('Ann', { emails: ['ann@example.com'] });
    const annToo = await desk.endUser('Ann 2', { emails: ['ann2@example.com'] });
    const annThree = await desk.endUser('Ann 3', { emails: ['ann3@example.com'] });
    await merge(ann, annToo);
    const second = await merge(annToo, annThree);
    // the second merge completes first: the first still moves tickets, to the end of the chain
    const carried = await carryOutUserMerge(deps, {
      mergeId: second.id,
      accountId: desk.opened.accountId,
      sourceId: annToo,
      targetId: annThree,
      correlationId: 'req-second',
      channel: 'api',
      position: second.globalPosition,
    })();
    expect(carried).toMatchObject(E.right({ kind: 'completed' }));
    expect(await deleteUser(desk.deps, desk.owner(), annThree)()).toEqual(refusedWith('R3.6'));
    await carryOut([ann]);
    expect(E.isRight(await deleteUser(desk.deps, desk.owner(), annThree)())).toBe(true);
  });
});
