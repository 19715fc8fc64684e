import { roleLabel } from '../shared/facts';
import { fold } from '../shared/decider';
import { userDecider } from './decider';
import {
  accountId,
  acme,
  annId,
  annWithEmail,
  defaultChanged,
  eventProfile,
  id,
  identityAdded,
  joined,
  merged,
  userCreated,
} from './fixtures';
import {
  emailsOf,
  isMergeable,
  primaryEmailOf,
  toKnownUser,
  toMergeTarget,
  toMergedSource,
} from './queries';

const ann = fold(userDecider, [
  userCreated({ profile: eventProfile({ phone: '+33 3 33', external_id: 'crm-1' }) }),
  identityAdded(id(21), 'email', 'ann@home.example'),
  identityAdded(id(20), 'email', 'ann@example.com', { primary: true }),
  identityAdded(id(22), 'twitter', 'annlee', { primary: true }),
  joined(id(30), acme),
  defaultChanged(acme, null),
]);

describe('R4.7 the team sees who owns the account', () => {
  it('labels the owner "admin (owner)"', () =>
    expect(roleLabel('admin', true)).toBe('admin (owner)'));

  it('labels every other user by their role', () => {
    expect(roleLabel('admin', false)).toBe('admin');
    expect(roleLabel('agent', false)).toBe('agent');
    expect(roleLabel('end-user', false)).toBe('end-user');
  });
});

describe('queries on a user', () => {
  it('lists the emails, the primary first', () => {
    expect(emailsOf(ann)).toEqual(['ann@example.com', 'ann@home.example']);
    expect(primaryEmailOf(ann)).toBe('ann@example.com');
    expect(emailsOf(userDecider.initialState())).toEqual([]);
  });

  it('tells an active end user may take part in a merge, and a merged one may not (R3.1, R3.5)', () => {
    expect(isMergeable(fold(userDecider, annWithEmail))).toBe(true);
    expect(isMergeable(fold(userDecider, [...annWithEmail, merged()]))).toBe(false);
    expect(isMergeable(fold(userDecider, [userCreated({ role: 'agent' })]))).toBe(false);
    expect(isMergeable(userDecider.initialState())).toBe(false);
  });

  it('gives the facts other aggregates and a merge need', () => {
    if (!ann.exists) throw new Error('Ann exists');
    expect(toKnownUser(ann)).toEqual({
      id: annId,
      accountId,
      role: 'end-user',
      status: 'active',
      organizationIds: [acme],
      defaultOrganizationId: acme,
    });
    expect(toMergeTarget(ann, 7)).toMatchObject({
      verified: false,
      hasEmail: true,
      hasXHandle: true,
      externalId: 'crm-1',
      requestedTicketCount: 7,
    });
    let next = 100;
    const snapshot = toMergedSource(ann, () => id(next++));
    expect(snapshot.directLine).toEqual({ value: '+33 3 33', newIdentityId: id(103) });
    expect(snapshot.memberships).toEqual([
      { organizationId: acme, primaryContact: false, newMembershipId: id(104) },
    ]);
    expect(snapshot.identities.map((i) => i.newIdentityId)).toEqual([id(100), id(101), id(102)]);
  });

  it('gives a merge source with a blank direct line no number to add', () => {
    const blank = fold(userDecider, [userCreated({ profile: eventProfile({ phone: '  ' }) })]);
    if (!blank.exists) throw new Error('the user exists');
    expect(toMergedSource(blank, () => id(100)).directLine).toBeNull();
  });
});
