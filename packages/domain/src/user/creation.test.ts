import * as E from 'fp-ts/Either';
import { decodeWith, type Role, type UserSource } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { CommandActor } from '../shared/facts';
import { UserCommand } from './commands';
import { userDecider } from './decider';
import {
  accountId,
  acme,
  admin,
  agent,
  annId,
  createUser,
  defaultChanged,
  endUser,
  enterpriseAccount,
  eventProfile,
  globex,
  id,
  identityAdded,
  joined,
  operator,
  system,
  teamAccount,
  userCreated,
} from './fixtures';

const { given } = specification(userDecider);

describe('creating a user', () => {
  it('records the user, then each identity, membership and the default organization', () =>
    given()
      .when(
        createUser({
          profile: { name: 'Ann Lee', locale: 'fr', tags: ['vip'] },
          identities: [
            { identityId: id(20), type: 'email', value: 'ann@example.com', verified: true },
            { identityId: id(21), type: 'email', value: 'ann@home.example', verified: false },
            {
              identityId: id(22),
              type: 'phone_number',
              value: '+33 1 23 45 67 89',
              verified: false,
            },
          ],
          memberships: [{ membershipId: id(30), organizationId: acme, primaryContact: true }],
        }),
      )
      .then(
        userCreated({ profile: eventProfile({ locale: 'fr', tags: ['vip'] }) }),
        identityAdded(id(20), 'email', 'ann@example.com', { primary: true, verified: true }),
        identityAdded(id(21), 'email', 'ann@home.example'),
        identityAdded(id(22), 'phone_number', '+33 1 23 45 67 89', { primary: true }),
        joined(id(30), acme, true),
        defaultChanged(acme, null),
      ));

  it('refuses to create a user twice', () =>
    given(userCreated()).when(createUser()).thenAlreadyExists());

  it('refuses account facts about another account', () =>
    given()
      .when(createUser({ account: { ...teamAccount, id: id(9) } }))
      .thenNotFound());
});

describe('R5.1 who may add a user, and how', () => {
  const allowed: ReadonlyArray<[string, CommandActor, UserSource, Role]> = [
    ['the system, from an inbound email', system, 'email', 'end-user'],
    ['the system, from a portal request', system, 'portal', 'end-user'],
    ['an agent, creating a ticket on their behalf', agent, 'ticket', 'end-user'],
    ['an agent, adding their email as a CC', agent, 'cc', 'end-user'],
    ['an agent, by hand', agent, 'manual', 'end-user'],
    ['an admin, by hand', admin, 'manual', 'end-user'],
    ['an admin, an agent by hand', admin, 'manual', 'agent'],
    ['an admin, importing end users', admin, 'import', 'end-user'],
    ['an admin, importing agents', admin, 'import', 'agent'],
    ['the system, the owner with the account', system, 'account', 'admin'],
    ['an operator, the owner with the account', operator, 'account', 'admin'],
  ];
  it.each(allowed)('accepts %s', (_, actor, source, role) =>
    expect(
      E.isRight(userDecider.decide(createUser({ actor, source, role }), { exists: false })),
    ).toBe(true),
  );

  const refused: ReadonlyArray<[string, CommandActor, UserSource, Role]> = [
    ['an end user adding another by hand', endUser, 'manual', 'end-user'],
    ['an end user adding a CC', endUser, 'cc', 'end-user'],
    ['an agent importing users', agent, 'import', 'end-user'],
    ['an agent adding an agent', agent, 'manual', 'agent'],
    ['an agent adding an admin', agent, 'manual', 'admin'],
    ['an inbound email creating an agent', system, 'email', 'agent'],
    ['an agent pretending to be an inbound email', agent, 'email', 'end-user'],
    ['the system adding a user by hand', system, 'manual', 'end-user'],
    ['an operator adding an end user', operator, 'manual', 'end-user'],
    ['an account created with an end user for owner', system, 'account', 'end-user'],
  ];
  it.each(refused)('refuses %s', (_, actor, source, role) =>
    given().when(createUser({ actor, source, role })).thenRefuses('R5.1'),
  );
});

describe('R5.3 email addresses must be valid', () => {
  const decode = decodeWith(UserCommand, 'invalid command');
  const withEmail = (value: string) =>
    decode({
      ...createUser(),
      identities: [{ identityId: id(20), type: 'email', value, verified: false }],
    });

  it('accepts an address at the reserved .invalid domain, for users never sent mail', () => {
    expect(E.isRight(withEmail('no-mail@customer.invalid'))).toBe(true);
    given()
      .when(
        createUser({
          identities: [
            {
              identityId: id(20),
              type: 'email',
              value: 'no-mail@customer.invalid',
              verified: false,
            },
          ],
        }),
      )
      .then(
        userCreated(),
        identityAdded(id(20), 'email', 'no-mail@customer.invalid', { primary: true }),
      );
  });

  it.each(['ann', 'ann@example', 'ann..lee@example.com', 'ann @example.com'])(
    'refuses %j, naming the bad field',
    (value) => {
      const result = withEmail(value);
      expect(E.isLeft(result) && result.left.issues).toEqual([
        { path: 'identities.0.value', expected: 'EmailAddress', actual: JSON.stringify(value) },
      ]);
    },
  );
});

describe('R5.2 an address identifies one user', () => {
  it('refuses the same address twice on a new user, whatever its case', () =>
    given()
      .when(
        createUser({
          identities: [
            { identityId: id(20), type: 'email', value: 'ann@example.com', verified: false },
            { identityId: id(21), type: 'email', value: 'Ann@Example.COM', verified: false },
          ],
        }),
      )
      .thenRefuses('R5.2'));
});

describe('R2.1 a new user belongs to one organization unless the account allows several', () => {
  const twoMemberships = [
    { membershipId: id(30), organizationId: acme, primaryContact: false },
    { membershipId: id(31), organizationId: globex, primaryContact: false, default: true },
  ];

  it('accepts several organizations on an Enterprise account with multiple organizations', () =>
    given()
      .when(createUser({ memberships: twoMemberships, account: enterpriseAccount }))
      .then(
        userCreated(),
        identityAdded(id(20), 'email', 'ann@example.com', { primary: true }),
        joined(id(30), acme),
        joined(id(31), globex),
        defaultChanged(globex, null),
      ));

  it('refuses several organizations on the Team plan', () =>
    given()
      .when(createUser({ memberships: twoMemberships }))
      .thenRefuses('R2.1'));

  it('refuses several organizations on a Professional account without multiple organizations', () =>
    given()
      .when(
        createUser({
          memberships: twoMemberships,
          account: { ...teamAccount, plan: 'professional' },
        }),
      )
      .thenRefuses('R2.1'));

  it('refuses two default organizations', () =>
    given()
      .when(
        createUser({
          memberships: twoMemberships.map((m) => ({ ...m, default: true })),
          account: enterpriseAccount,
        }),
      )
      .thenRefuses('R2.1'));

  it('refuses the same organization twice', () =>
    given()
      .when(
        createUser({
          memberships: [twoMemberships[0]!, { ...twoMemberships[0]!, membershipId: id(31) }],
          account: enterpriseAccount,
        }),
      )
      .thenRefuses('R2.1'));

  it('records no default for a user without organizations', () =>
    given()
      .when(createUser({ identities: [] }))
      .then(userCreated()));

  it('keeps the account and user ids the command names', () => {
    const result = userDecider.decide(createUser(), { exists: false });
    expect(E.isRight(result) && result.right[0]).toMatchObject({
      data: { user_id: annId, account_id: accountId },
    });
  });
});
