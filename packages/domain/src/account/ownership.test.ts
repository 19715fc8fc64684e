import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { AccountEvent } from '@helpdesk/events';
import { fold } from '../shared/decider';
import type { CommandActor, KnownUser } from '../shared/facts';
import { specification } from '../testing/specification';
import type { TransferOwnership } from './commands';
import { accountDecider } from './decider';
import {
  accountCreated,
  accountId,
  ann,
  annId,
  anOperator,
  bob,
  bobId,
  carl,
  carlId,
  doraId,
  knownUser,
  otherAccountId,
  ownerTransferred,
  theSystem,
} from './fixtures';
import { isOwner } from './queries';

const { given } = specification(accountDecider);

const transfer = (actor: CommandActor, newOwner: KnownUser): TransferOwnership => ({
  type: 'TransferOwnership',
  accountId,
  actor,
  newOwner,
});

describe('R4.2 only the current owner can transfer ownership', () => {
  it('hands the account from its owner to another admin', () =>
    given(accountCreated())
      .when(transfer(ann, knownUser(bobId)))
      .then(ownerTransferred(annId, bobId)));

  it.each([
    ['another admin', bob],
    ['an agent', carl],
    ['the system', theSystem],
    ['a platform operator', anOperator],
  ] as const)('refuses %s, even naming an eligible admin', (_who, actor) =>
    given(accountCreated())
      .when(transfer(actor, knownUser(doraId)))
      .thenForbids('R4.2'),
  );

  it('refuses the previous owner once they have handed it over', () =>
    given(accountCreated(), ownerTransferred(annId, bobId))
      .when(transfer(ann, knownUser(doraId)))
      .thenForbids('R4.2'));

  it('lets the new owner hand it on', () =>
    given(accountCreated(), ownerTransferred(annId, bobId))
      .when(transfer(bob, knownUser(annId)))
      .then(ownerTransferred(bobId, annId)));

  it('decides nothing when the owner names themselves', () =>
    given(accountCreated())
      .when(transfer(ann, knownUser(annId)))
      .thenNothingHappens());
});

describe('R4.3 the new owner must already be an active admin of the account', () => {
  it.each([
    ['an agent', knownUser(carlId, { role: 'agent' })],
    ['an end user', knownUser(carlId, { role: 'end-user' })],
    ['a deleted admin', knownUser(doraId, { status: 'deleted' })],
    ['a merged user', knownUser(doraId, { status: 'merged' })],
    ['an admin of another account', knownUser(doraId, { accountId: otherAccountId })],
  ] as const)('refuses %s', (_who, newOwner) =>
    given(accountCreated()).when(transfer(ann, newOwner)).thenRefuses('R4.3'),
  );
});

describe('R4.1 an account has exactly one owner at any time', () => {
  it('has its creator as owner from the start', () => {
    const account = fold(accountDecider, [accountCreated()]);
    expect(account && isOwner(account, annId)).toBe(true);
  });

  it('replaces the owner on transfer: the previous one is no longer owner', () => {
    const account = fold(accountDecider, [accountCreated(), ownerTransferred(annId, bobId)]);
    expect(account && [isOwner(account, annId), isOwner(account, bobId)]).toEqual([false, true]);
  });

  it('keeps exactly one owner, always an admin of the account, over any sequence of transfers', () => {
    const people = [annId, bobId, carlId, doraId];
    const arbitraryActor = fc.oneof(
      fc.record({
        type: fc.constant('user' as const),
        id: fc.constantFrom(...people),
        role: fc.constantFrom('admin' as const, 'agent' as const),
      }),
      fc.constant(theSystem),
      fc.constant(anOperator),
    );
    const arbitraryUser = fc.record({
      id: fc.constantFrom(...people),
      role: fc.constantFrom('admin' as const, 'agent' as const, 'end-user' as const),
      status: fc.constantFrom('active' as const, 'deleted' as const),
      accountId: fc.constantFrom(accountId, otherAccountId),
    });
    const arbitraryTransfers = fc.array(fc.tuple(arbitraryActor, arbitraryUser), {
      maxLength: 30,
    });

    fc.assert(
      fc.property(arbitraryTransfers, (transfers) => {
        let history: ReadonlyArray<AccountEvent> = [accountCreated()];
        for (const [actor, user] of transfers) {
          const state = fold(accountDecider, history);
          const decision = accountDecider.decide(transfer(actor, knownUser(user.id, user)), state);
          if (E.isRight(decision)) {
            // whoever becomes owner was an active admin of this account when it happened
            for (const event of decision.right)
              if (event.type === 'OwnerTransferred')
                expect(user).toMatchObject({ role: 'admin', status: 'active', accountId });
            history = [...history, ...decision.right];
          }
          const account = fold(accountDecider, history);
          expect(account && people.filter((id) => isOwner(account, id))).toHaveLength(1);
        }
      }),
    );
  });
});
