import { domainOfAddress, organizationForNewSender, resolveSender } from './inbound';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const unassigned = id(1);
const acme = { id: id(2), domainNames: ['acme.com', 'acme.fr'] };
const globex = { id: id(3), domainNames: ['globex.com'] };

describe('R6.1 an unknown address creates an end user when the account says so', () => {
  it('creates one when auto-creation is on', () =>
    expect(resolveSender(null, true)).toEqual({ kind: 'create' }));

  it('refuses the mail when it is off', () =>
    expect(resolveSender(null, false)).toMatchObject({ kind: 'refuse', rule: 'R6.1' }));

  it('treats a deleted user, whose addresses were released, as unknown', () =>
    expect(resolveSender({ id: id(9), status: 'deleted', mergedIntoId: null }, true)).toEqual({
      kind: 'create',
    }));
});

describe('R6.3 a known sender is left as they are', () => {
  it.each([true, false])('is found whatever the setting (%s)', (autoCreate) =>
    expect(resolveSender({ id: id(9), status: 'active', mergedIntoId: null }, autoCreate)).toEqual({
      kind: 'known',
      userId: id(9),
    }),
  );

  it('R3.5 a merged sender stands for the user they were merged into', () =>
    expect(resolveSender({ id: id(9), status: 'merged', mergedIntoId: id(10) }, false)).toEqual({
      kind: 'known',
      userId: id(10),
    }));
});

describe('R6.4 an automatically created user joins the organization of their domain', () => {
  const enterprise = { plan: 'enterprise' as const, defaultOrganizationId: unassigned };

  it('on the Enterprise plan, the organization listing the domain', () => {
    expect(organizationForNewSender('ann@acme.com', enterprise, [globex, acme])).toBe(acme.id);
    expect(organizationForNewSender('Bob@ACME.fr', enterprise, [globex, acme])).toBe(acme.id);
  });

  it('otherwise the default "Unassigned" organization', () =>
    expect(organizationForNewSender('ann@initech.com', enterprise, [globex, acme])).toBe(
      unassigned,
    ));

  it.each(['team', 'professional'] as const)('never on the %s plan', (plan) =>
    expect(
      organizationForNewSender('ann@acme.com', { plan, defaultOrganizationId: unassigned }, [acme]),
    ).toBe(unassigned),
  );

  it('matches whole domains only: a subdomain is another domain (settled)', () =>
    expect(organizationForNewSender('ann@mail.acme.com', enterprise, [acme])).toBe(unassigned));

  it('reads the domain after the last @', () => {
    expect(domainOfAddress('"a@b"@Acme.COM ')).toBe('acme.com');
    expect(domainOfAddress('nobody')).toBe('');
  });
});
