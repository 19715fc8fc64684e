import type { ClaimEvent } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { ClaimCommand } from './commands';
import { claimDecider } from './decider';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const account = id(1);
const [ann, bob, carl] = [id(2), id(3), id(4)];
const kind = 'email' as const;

const claimed = (holder: string): ClaimEvent => ({
  type: 'ValueClaimed',
  data: { account_id: account, kind, holder_id: holder },
});
const released = (holder: string): ClaimEvent => ({
  type: 'ValueReleased',
  data: { account_id: account, kind, holder_id: holder },
});
const transferred = (from: string, to: string): ClaimEvent => ({
  type: 'ClaimTransferred',
  data: { account_id: account, kind, previous_holder_id: from, holder_id: to },
});

const claim = (holder: string): ClaimCommand => ({
  type: 'ClaimValue',
  accountId: account,
  kind,
  holderId: holder,
});
const release = (holder: string): ClaimCommand => ({
  type: 'ReleaseValue',
  accountId: account,
  kind,
  holderId: holder,
});
const transfer = (from: string, to: string): ClaimCommand => ({
  type: 'TransferClaim',
  accountId: account,
  kind,
  fromHolderId: from,
  toHolderId: to,
});

const { given } = specification(claimDecider);

describe('R5.2 an address identifies at most one user of an account', () => {
  it('gives a free value to its first claimant', () => given().when(claim(ann)).then(claimed(ann)));

  it('refuses a value another user holds', () =>
    given(claimed(ann)).when(claim(bob)).thenRefuses('R5.2'));

  it('refuses a value that moved to another user in a merge', () =>
    given(claimed(ann), transferred(ann, bob)).when(claim(ann)).thenRefuses('R5.2'));

  it('changes nothing when the holder claims it again', () =>
    given(claimed(ann)).when(claim(ann)).thenNothingHappens());

  it('gives a released value to the next claimant', () =>
    given(claimed(ann), released(ann)).when(claim(bob)).then(claimed(bob)));

  it('keeps the kind of value in the events', () =>
    given()
      .when({ type: 'ClaimValue', accountId: account, kind: 'organization_domain', holderId: carl })
      .then({
        type: 'ValueClaimed',
        data: { account_id: account, kind: 'organization_domain', holder_id: carl },
      }));
});

describe('releasing a value', () => {
  it('frees the value when its holder releases it', () =>
    given(claimed(ann)).when(release(ann)).then(released(ann)));

  it('changes nothing when someone else releases it (R5.2: a claim is not taken away)', () =>
    given(claimed(ann)).when(release(bob)).thenNothingHappens());

  it('changes nothing when nobody holds it', () => {
    given().when(release(ann)).thenNothingHappens();
    given(claimed(ann), released(ann)).when(release(ann)).thenNothingHappens();
  });
});

describe("R3.8 a merge hands the source's addresses to its target", () => {
  it('moves the value from the source to the target', () =>
    given(claimed(ann)).when(transfer(ann, bob)).then(transferred(ann, bob)));

  it('changes nothing when the target already holds it (a replayed merge)', () =>
    given(claimed(ann), transferred(ann, bob)).when(transfer(ann, bob)).thenNothingHappens());

  it('refuses (R5.2) to move a value a third user holds', () =>
    given(claimed(carl)).when(transfer(ann, bob)).thenRefuses('R5.2'));

  it('finds nothing to move when the source does not hold the value', () =>
    given(claimed(ann), released(ann)).when(transfer(ann, bob)).thenNotFound());

  it('lets the target release the value it received', () =>
    given(claimed(ann), transferred(ann, bob)).when(release(bob)).then(released(bob)));
});
