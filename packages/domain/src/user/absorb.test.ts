import * as E from 'fp-ts/Either';
import type { UserEvent } from '@helpdesk/events';
import { fold } from '../shared/decider';
import { specification } from '../testing/specification';
import type { AbsorbMergedUser, MergedSource } from './commands';
import { userDecider } from './decider';
import {
  acme,
  annId,
  bobId,
  defaultChanged,
  enterpriseAccount,
  eventProfile,
  globex,
  id,
  identityAdded,
  initech,
  joined,
  teamAccount,
  userCreated,
} from './fixtures';
import { emailsOf, primaryEmailOf } from './queries';

const { given } = specification(userDecider);

/** Bob, the target: a primary email, a direct line, an extra number, a language, Acme. */
const bob: ReadonlyArray<UserEvent> = [
  userCreated({
    user_id: bobId,
    profile: eventProfile({ name: 'Bob', phone: '+33 1 11 11 11 11', locale: 'fr' }),
  }),
  identityAdded(id(40), 'email', 'bob@example.com', { primary: true }, bobId),
  identityAdded(id(41), 'phone_number', '+33 4 44 44 44 44', { primary: true }, bobId),
];
const bobInAcme = [...bob, joined(id(50), acme, false, bobId), defaultChanged(acme, null, bobId)];

/** Ann, the source, as the application layer snapshots her; each value carries its id on Bob. */
const ann: MergedSource = {
  id: annId,
  identities: [
    { type: 'email', value: 'ann@example.com', verified: true, newIdentityId: id(60) },
    { type: 'email', value: 'BOB@example.com', verified: false, newIdentityId: id(61) },
    { type: 'email', value: 'ann@home.example', verified: false, newIdentityId: id(62) },
    { type: 'phone_number', value: '+33-1-11-11-11-11', verified: false, newIdentityId: id(63) },
    { type: 'phone_number', value: '+33 2 22 22 22 22', verified: false, newIdentityId: id(64) },
    { type: 'twitter', value: 'annlee', verified: false, newIdentityId: id(65) },
  ],
  directLine: { value: '+33 3 33 33 33 33', newIdentityId: id(66) },
  memberships: [
    { organizationId: initech, primaryContact: false, newMembershipId: id(70) },
    { organizationId: globex, primaryContact: true, newMembershipId: id(71) },
    { organizationId: acme, primaryContact: false, newMembershipId: id(72) },
  ],
  defaultOrganizationId: globex,
};

const absorb = (overrides: Partial<AbsorbMergedUser> = {}): AbsorbMergedUser => ({
  type: 'AbsorbMergedUser',
  userId: bobId,
  source: ann,
  account: teamAccount,
  ...overrides,
});

const absorbed: UserEvent = {
  type: 'MergedUserAbsorbed',
  data: { user_id: bobId, source_id: annId },
};
/** The emails and phones Bob does not have yet, none of them primary. */
const identitiesTaken = [
  identityAdded(id(60), 'email', 'ann@example.com', { verified: true }, bobId),
  identityAdded(id(62), 'email', 'ann@home.example', {}, bobId),
  identityAdded(id(66), 'phone_number', '+33 3 33 33 33 33', {}, bobId),
  identityAdded(id(64), 'phone_number', '+33 2 22 22 22 22', {}, bobId),
];

describe('R3.8 what the target keeps and takes from the source', () => {
  it('adds the source emails as secondary and its phones as extra numbers, skipping known values', () =>
    given(...bobInAcme)
      .when(absorb())
      .then(absorbed, ...identitiesTaken));

  it("keeps the target's primary email, direct line and language; loses the source's X handle", () => {
    const result = userDecider.decide(absorb(), fold(userDecider, bobInAcme));
    const after = fold(userDecider, [...bobInAcme, ...(E.isRight(result) ? result.right : [])]);
    expect(primaryEmailOf(after)).toBe('bob@example.com');
    expect(emailsOf(after)).toEqual(['bob@example.com', 'ann@example.com', 'ann@home.example']);
    expect(after).toMatchObject({
      profile: { name: 'Bob', phone: '+33 1 11 11 11 11', locale: 'fr' },
      defaultOrganizationId: acme,
    });
    expect(after.exists && after.identities.some((i) => i.type === 'twitter')).toBe(false);
  });

  it("with multiple organizations takes the union and keeps the target's default", () =>
    given(...bobInAcme)
      .when(absorb({ account: enterpriseAccount }))
      .then(
        absorbed,
        ...identitiesTaken,
        joined(id(70), initech, false, bobId),
        joined(id(71), globex, true, bobId),
      ));

  it("with multiple organizations gives a target without any the union, with the source's default as its default", () =>
    given(...bob)
      .when(absorb({ account: enterpriseAccount }))
      .then(
        absorbed,
        ...identitiesTaken,
        joined(id(70), initech, false, bobId),
        joined(id(71), globex, true, bobId),
        joined(id(72), acme, false, bobId),
        defaultChanged(globex, null, bobId),
      ));

  it("otherwise leaves a target's organization alone", () =>
    given(...bobInAcme)
      .when(absorb())
      .then(absorbed, ...identitiesTaken));

  it("otherwise gives a target without organization the source's, as its default", () =>
    given(...bob)
      .when(absorb())
      .then(
        absorbed,
        ...identitiesTaken,
        joined(id(71), globex, true, bobId),
        defaultChanged(globex, null, bobId),
      ));

  it('records only the absorption when the source brings nothing new', () =>
    given(...bobInAcme)
      .when(
        absorb({
          source: {
            id: annId,
            identities: [],
            directLine: null,
            memberships: [],
            defaultOrganizationId: null,
          },
        }),
      )
      .then(absorbed));
});

describe('R3.9 a merge that resumes absorbs its source once', () => {
  it('does nothing when the same source is absorbed again', () =>
    given(...bobInAcme, absorbed, ...identitiesTaken)
      .when(absorb())
      .thenNothingHappens());

  it('still absorbs another source', () =>
    given(...bobInAcme, absorbed, ...identitiesTaken)
      .when(
        absorb({
          source: { ...ann, id: id(13), identities: [], directLine: null, memberships: [] },
        }),
      )
      .then({ type: 'MergedUserAbsorbed', data: { user_id: bobId, source_id: id(13) } }));

  it('refuses a target that has been merged in the meantime (R3.5)', () =>
    given(...bobInAcme, {
      type: 'UserMerged',
      data: { user_id: bobId, account_id: id(1), target_id: id(14) },
    })
      .when(absorb())
      .thenRefuses('R3.5'));
});
