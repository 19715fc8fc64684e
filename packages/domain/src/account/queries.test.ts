import type { AccountEvent } from '@helpdesk/events';
import { fold } from '../shared/decider';
import { accountDecider } from './decider';
import {
  accountCreated,
  accountId,
  annId,
  anOperator,
  bobId,
  carlId,
  ownerTransferred,
  theSystem,
} from './fixtures';
import {
  accountAllowsMultipleOrganizations,
  canAccessSubscription,
  knownAccount,
  mapsEmailDomainsToOrganizations,
  teamRoleLabel,
} from './queries';
import type { Account } from './state';

const accountAfter = (...events: ReadonlyArray<AccountEvent>): Account => {
  const account = fold(accountDecider, events);
  if (account === null) throw new Error('the account was not created');
  return account;
};

describe('R4.4 billing and subscription resources are the owner’s alone', () => {
  const account = accountAfter(accountCreated());

  it('lets the owner in', () =>
    expect(canAccessSubscription(account, { type: 'user', id: annId, role: 'admin' })).toBe(true));

  it.each([
    ['another admin', { type: 'user', id: bobId, role: 'admin' }],
    ['an agent', { type: 'user', id: carlId, role: 'agent' }],
    ['the system', theSystem],
    ['a platform operator', anOperator],
  ] as const)('keeps %s out', (_who, actor) =>
    expect(canAccessSubscription(account, actor)).toBe(false),
  );

  it('takes them from the previous owner, who stays an admin, and gives them to the new one', () => {
    const transferred = accountAfter(accountCreated(), ownerTransferred(annId, bobId));
    expect(canAccessSubscription(transferred, { type: 'user', id: annId, role: 'admin' })).toBe(
      false,
    );
    expect(canAccessSubscription(transferred, { type: 'user', id: bobId, role: 'admin' })).toBe(
      true,
    );
    expect(teamRoleLabel(transferred, { id: annId, role: 'admin' })).toBe('admin');
  });
});

describe('R4.7 team listings show the owner as "admin (owner)"', () => {
  const account = accountAfter(accountCreated(), ownerTransferred(annId, bobId));
  it('labels the owner', () =>
    expect(teamRoleLabel(account, { id: bobId, role: 'admin' })).toBe('admin (owner)'));
  it('labels everyone else by role alone', () => {
    expect(teamRoleLabel(account, { id: annId, role: 'admin' })).toBe('admin');
    expect(teamRoleLabel(account, { id: carlId, role: 'agent' })).toBe('agent');
  });
});

describe('R2.1 end users may belong to several organizations', () => {
  it('when the plan allows it and the setting is on', () =>
    expect(
      accountAllowsMultipleOrganizations(
        accountAfter(accountCreated('professional', { multipleOrganizations: true })),
      ),
    ).toBe(true));
  it('not while the setting is off', () =>
    expect(accountAllowsMultipleOrganizations(accountAfter(accountCreated('enterprise')))).toBe(
      false,
    ));
  it('passes the facts on to user and ticket commands', () =>
    expect(
      knownAccount(accountAfter(accountCreated('enterprise', { multipleOrganizations: true }))),
    ).toEqual({ id: accountId, plan: 'enterprise', multipleOrganizations: true, sso: 'none' }));
});

describe('R6.4 domain mapping places new users on the Enterprise plan only', () => {
  it.each([
    ['team', false],
    ['professional', false],
    ['enterprise', true],
  ] as const)('on %s: %s', (plan, expected) =>
    expect(mapsEmailDomainsToOrganizations(accountAfter(accountCreated(plan)))).toBe(expected),
  );
});
