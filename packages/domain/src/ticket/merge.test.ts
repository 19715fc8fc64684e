import * as E from 'fp-ts/Either';
import type { TicketEvent } from '@helpdesk/events';
import { fold } from '../shared/decider';
import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  archived,
  bob,
  closed,
  ids,
  inOtherAccount,
  moveToMergeTarget,
  requesterChanged,
  ticketCreated,
  withStatus,
} from './fixtures';

const { given } = specification(ticketDecider);

// Alice (the source) is merged into Bob (the target).
const merge = moveToMergeTarget(ids.alice, bob);

const ccReplaced = (previous: string, next: string): TicketEvent => ({
  type: 'CollaboratorReplaced',
  data: { ticket_id: ids.ticket, previous_user_id: previous, user_id: next },
});
const ccRemoved = (user: string): TicketEvent => ({
  type: 'CollaboratorRemoved',
  data: { ticket_id: ids.ticket, user_id: user },
});

/** Carol's ticket, on which Alice is copied. */
const aliceCopied = (collaborators: string[] = [ids.alice]) =>
  ticketCreated({
    requester_id: ids.carol,
    organization_id: null,
    collaborator_ids: collaborators,
  });

describe('R3.6 every ticket requested by the source becomes requested by the target', () => {
  it('changes the requester with reason merge', () =>
    given(ticketCreated())
      .when(merge)
      .then(requesterChanged(ids.alice, ids.bob, 'merge')));

  it('rewrites a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(merge)
      .then(requesterChanged(ids.alice, ids.bob, 'merge')));

  it('rewrites an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(merge)
      .then(requesterChanged(ids.alice, ids.bob, 'merge')));

  it('a ticket that does not exist is not found', () => given().when(merge).thenNotFound());
});

describe("R3.8 a merge does not change the tickets' organization", () => {
  it('keeps organization A although the target has only C', () => {
    const decision = ticketDecider.decide(merge, fold(ticketDecider, [ticketCreated()]));
    expect(decision).toEqual(E.right([requesterChanged(ids.alice, ids.bob, 'merge')]));
    const after = fold(ticketDecider, [
      ticketCreated(),
      requesterChanged(ids.alice, ids.bob, 'merge'),
    ]);
    expect(after).toMatchObject({ requesterId: ids.bob, organizationId: ids.orgA });
  });
});

describe('R3.7 on non-archived tickets the target replaces the source as CC', () => {
  it('replaces the source', () =>
    given(aliceCopied()).when(merge).then(ccReplaced(ids.alice, ids.bob)));

  it('replaces the source on a closed, not archived ticket', () =>
    given(aliceCopied(), ...closed)
      .when(merge)
      .then(ccReplaced(ids.alice, ids.bob)));

  it('only removes the source when the target is already copied', () =>
    given(aliceCopied([ids.alice, ids.bob]))
      .when(merge)
      .then(ccRemoved(ids.alice)));

  it('leaves the CCs of an archived ticket alone', () =>
    given(aliceCopied(), ...archived)
      .when(merge)
      .thenNothingHappens());

  it('changes requester and CC in one decision when the source is both', () =>
    given(ticketCreated({ collaborator_ids: [ids.alice, ids.dave] }))
      .when(merge)
      .then(requesterChanged(ids.alice, ids.bob, 'merge'), ccReplaced(ids.alice, ids.bob)));

  it('on an archived ticket requested and copied by the source, changes only the requester', () =>
    given(ticketCreated({ collaborator_ids: [ids.alice] }), ...archived)
      .when(merge)
      .then(requesterChanged(ids.alice, ids.bob, 'merge')));

  it('the state lists the target instead of the source', () => {
    const after = fold(ticketDecider, [
      aliceCopied([ids.dave, ids.alice]),
      ccReplaced(ids.alice, ids.bob),
    ]);
    expect(after).toMatchObject({ collaboratorIds: [ids.dave, ids.bob] });
  });
});

describe('R3.5 the merge target must be an active user of the account', () => {
  it('refuses a merged target', () =>
    given(ticketCreated())
      .when(moveToMergeTarget(ids.alice, withStatus(bob, 'merged')))
      .thenRefuses('R3.5'));

  it('refuses a deleted target (R1.2)', () =>
    given(ticketCreated())
      .when(moveToMergeTarget(ids.alice, withStatus(bob, 'deleted')))
      .thenRefuses('R1.2'));

  it('refuses a target of another account (R1.2)', () =>
    given(aliceCopied())
      .when(moveToMergeTarget(ids.alice, inOtherAccount(bob)))
      .thenRefuses('R1.2'));

  it('refuses to merge a user into themselves (R3.1)', () =>
    given(ticketCreated())
      .when(moveToMergeTarget(ids.alice, { ...bob, id: ids.alice }))
      .thenRefuses('R3.1'));
});

describe('R3.9 each ticket is rewritten exactly once, even when the merge is replayed', () => {
  it('a replay after the requester change decides nothing', () =>
    given(ticketCreated(), requesterChanged(ids.alice, ids.bob, 'merge'))
      .when(merge)
      .thenNothingHappens());

  it('a replay after the CC replacement decides nothing', () =>
    given(aliceCopied(), ccReplaced(ids.alice, ids.bob)).when(merge).thenNothingHappens());

  it('a replay after the CC removal decides nothing', () =>
    given(aliceCopied([ids.alice, ids.bob]), ccRemoved(ids.alice))
      .when(merge)
      .thenNothingHappens());

  it('a ticket the source never touched decides nothing', () =>
    given(ticketCreated({ requester_id: ids.carol }))
      .when(merge)
      .thenNothingHappens());

  it('a replay decides nothing even if the target has since been merged away', () =>
    given(ticketCreated(), requesterChanged(ids.alice, ids.bob, 'merge'))
      .when(moveToMergeTarget(ids.alice, withStatus(bob, 'merged')))
      .thenNothingHappens());

  it('deciding, applying and deciding again yields the events once', () => {
    const history = [ticketCreated({ collaborator_ids: [ids.alice] })];
    const first = ticketDecider.decide(merge, fold(ticketDecider, history));
    if (E.isLeft(first)) throw new Error('the first decision must be accepted');
    expect(first.right).toHaveLength(2);
    const again = ticketDecider.decide(merge, fold(ticketDecider, [...history, ...first.right]));
    expect(again).toEqual(E.right([]));
  });
});
