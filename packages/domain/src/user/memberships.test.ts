import { specification } from '../testing/specification';
import type {
  AddOrganizationMembership,
  LeaveRemovedOrganization,
  MakeDefaultOrganization,
  RemoveOrganizationMembership,
} from './commands';
import { userDecider } from './decider';
import {
  acme,
  annId,
  defaultChanged,
  enterpriseAccount,
  globex,
  id,
  initech,
  joined,
  left,
  teamAccount,
  userCreated,
} from './fixtures';

const { given } = specification(userDecider);

const join = (
  organizationId: string,
  membershipId: string,
  overrides: Partial<AddOrganizationMembership> = {},
): AddOrganizationMembership => ({
  type: 'AddOrganizationMembership',
  userId: annId,
  membershipId,
  organizationId,
  primaryContact: false,
  account: teamAccount,
  ...overrides,
});
const remove = (membershipId: string): RemoveOrganizationMembership => ({
  type: 'RemoveOrganizationMembership',
  userId: annId,
  membershipId,
});
const leaveRemoved = (organizationId: string): LeaveRemovedOrganization => ({
  type: 'LeaveRemovedOrganization',
  userId: annId,
  organizationId,
});
const makeDefault = (organizationId: string): MakeDefaultOrganization => ({
  type: 'MakeDefaultOrganization',
  userId: annId,
  organizationId,
});

const inAcme = [userCreated(), joined(id(30), acme), defaultChanged(acme, null)];
const inAcmeAndGlobex = [...inAcme, joined(id(31), globex)];

describe('R2.1 organizations of a user', () => {
  it('makes the first organization the default', () =>
    given(userCreated())
      .when(join(acme, id(30), { primaryContact: true }))
      .then(joined(id(30), acme, true), defaultChanged(acme, null)));

  it('refuses a second organization on the Team plan', () =>
    given(...inAcme)
      .when(join(globex, id(31)))
      .thenRefuses('R2.1'));

  it('refuses a second organization on the Enterprise plan without multiple organizations', () =>
    given(...inAcme)
      .when(
        join(globex, id(31), { account: { ...enterpriseAccount, multipleOrganizations: false } }),
      )
      .thenRefuses('R2.1'));

  it('adds a second organization, keeping the default, when the account allows several', () =>
    given(...inAcme)
      .when(join(globex, id(31), { account: enterpriseAccount }))
      .then(joined(id(31), globex)));

  it('makes the new organization the default when asked', () =>
    given(...inAcme)
      .when(join(globex, id(31), { account: enterpriseAccount, makeDefault: true }))
      .then(joined(id(31), globex), defaultChanged(globex, acme)));

  it('does nothing when the user already belongs to the organization', () =>
    given(...inAcme)
      .when(join(acme, id(32)))
      .thenNothingHappens());

  it('refuses a membership id already in use', () =>
    given(...inAcme)
      .when(join(globex, id(30), { account: enterpriseAccount }))
      .thenAlreadyExists());

  it('changes the default to another organization of the user', () =>
    given(...inAcmeAndGlobex)
      .when(makeDefault(globex))
      .then(defaultChanged(globex, acme)));

  it('does nothing when it is the default already', () =>
    given(...inAcmeAndGlobex)
      .when(makeDefault(acme))
      .thenNothingHappens());

  it('refuses a default the user does not belong to', () =>
    given(...inAcmeAndGlobex)
      .when(makeDefault(initech))
      .thenRefuses('R2.1'));
});

describe('R2.8 removing a user from an organization (user side)', () => {
  it('removes a membership that is not the default, keeping the default', () =>
    given(...inAcmeAndGlobex)
      .when(remove(id(31)))
      .then(left(id(31), globex)));

  it('promotes another organization to default first when the default is removed', () =>
    given(...inAcmeAndGlobex)
      .when(remove(id(30)))
      .then(defaultChanged(globex, acme), left(id(30), acme)));

  it('leaves a user without organizations with no default', () =>
    given(...inAcme)
      .when(remove(id(30)))
      .then(left(id(30), acme), defaultChanged(null, acme)));

  it('refuses to remove a membership the user does not have', () =>
    given(...inAcme)
      .when(remove(id(39)))
      .thenNotFound());

  it('keeps exactly one default after the removal', () => {
    const state = [...inAcmeAndGlobex, defaultChanged(globex, acme), left(id(30), acme)].reduce(
      userDecider.evolve,
      userDecider.initialState(),
    );
    expect(state).toMatchObject({
      defaultOrganizationId: globex,
      memberships: [{ membershipId: id(31), organizationId: globex }],
    });
  });
});

describe('R2.9 leaving an organization that was removed (user side)', () => {
  it('records the same events as a removal, promoting another default first', () =>
    given(...inAcmeAndGlobex)
      .when(leaveRemoved(acme))
      .then(defaultChanged(globex, acme), left(id(30), acme)));

  it('leaves the user with no organization when it was the only one', () =>
    given(...inAcme)
      .when(leaveRemoved(acme))
      .then(left(id(30), acme), defaultChanged(null, acme)));

  it('does nothing for a user who is not a member (a process manager may replay it)', () =>
    given(...inAcmeAndGlobex)
      .when(leaveRemoved(initech))
      .thenNothingHappens());

  it('does nothing the second time', () =>
    given(...inAcme, left(id(30), acme), defaultChanged(null, acme))
      .when(leaveRemoved(acme))
      .thenNothingHappens());
});
