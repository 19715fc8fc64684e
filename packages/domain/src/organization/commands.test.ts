import * as E from 'fp-ts/Either';
import { decodeWith } from '@helpdesk/events';
import { OrganizationCommand } from './commands';

const decodeCommand = decodeWith(OrganizationCommand, 'invalid organization command');
const organizationId = '0e000000-0000-4000-8000-000000000001';
const accountId = '0a000000-0000-4000-8000-000000000001';

describe('organization commands decoded at the boundary', () => {
  it('decodes domain names into their lower-cased form', () =>
    expect(
      decodeCommand({
        type: 'CreateOrganization',
        organizationId,
        accountId,
        name: 'Acme',
        domainNames: [' Acme.COM', 'acme.fr'],
      }),
    ).toEqual(
      E.right({
        type: 'CreateOrganization',
        organizationId,
        accountId,
        name: 'Acme',
        domainNames: ['acme.com', 'acme.fr'],
      }),
    ));

  it('reports the path of a bad domain name', () =>
    expect(
      decodeCommand({
        type: 'ChangeOrganizationDomains',
        organizationId,
        domainNames: ['acme.com', 'not a domain'],
      }),
    ).toMatchObject(
      E.left({
        issues: [{ path: 'domainNames.1', expected: 'DomainName', actual: '"not a domain"' }],
      }),
    ));

  it('reports every bad field by its path', () => {
    const result = decodeCommand({ type: 'RemoveOrganization', organizationId: 'nope' });
    expect(E.isLeft(result) && result.left.issues.map((issue) => issue.path)).toEqual([
      'organizationId',
      'isAccountDefault',
    ]);
  });
});
