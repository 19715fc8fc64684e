import type { OrganizationEvent } from '@helpdesk/events';
import { specification } from '../testing/specification';
import type { OrganizationCommand } from './commands';
import { organizationDecider } from './decider';

const { given } = specification(organizationDecider);

const accountId = '0a000000-0000-4000-8000-000000000001';
const organizationId = '0e000000-0000-4000-8000-000000000001';

const organizationCreated = (domainNames: string[] = ['acme.com']): OrganizationEvent => ({
  type: 'OrganizationCreated',
  data: {
    organization_id: organizationId,
    account_id: accountId,
    name: 'Acme',
    domain_names: domainNames,
  },
});
const organizationRemoved: OrganizationEvent = {
  type: 'OrganizationRemoved',
  data: { organization_id: organizationId, account_id: accountId },
};

const create = (name: string, domainNames: string[]): OrganizationCommand => ({
  type: 'CreateOrganization',
  organizationId,
  accountId,
  name,
  domainNames,
});
const rename = (name: string): OrganizationCommand => ({
  type: 'RenameOrganization',
  organizationId,
  name,
});
const changeDomains = (domainNames: string[]): OrganizationCommand => ({
  type: 'ChangeOrganizationDomains',
  organizationId,
  domainNames,
});
const remove = (isAccountDefault = false): OrganizationCommand => ({
  type: 'RemoveOrganization',
  organizationId,
  isAccountDefault,
});

describe('creating and renaming an organization', () => {
  it('creates it', () =>
    given()
      .when(create(' Acme ', ['acme.com']))
      .then(organizationCreated(['acme.com'])));

  it('refuses to create it twice', () =>
    given(organizationCreated()).when(create('Acme', [])).thenAlreadyExists());

  it('refuses to create it again after its removal', () =>
    given(organizationCreated(), organizationRemoved).when(create('Acme', [])).thenAlreadyExists());

  it('renames it, recording the previous name', () =>
    given(organizationCreated())
      .when(rename('Acme Corp'))
      .then({
        type: 'OrganizationRenamed',
        data: { organization_id: organizationId, name: 'Acme Corp', previous_name: 'Acme' },
      }));

  it('decides nothing when the name is the same', () =>
    given(organizationCreated()).when(rename(' Acme')).thenNothingHappens());
});

describe('R6.4 domain names map new users to an organization', () => {
  it('stores them lower-cased and each once, on any plan', () =>
    given()
      .when(create('Acme', ['Acme.com', 'acme.com', 'ACME.fr']))
      .then(organizationCreated(['acme.com', 'acme.fr'])));

  it('replaces the whole list', () =>
    given(organizationCreated(['acme.com']))
      .when(changeDomains(['acme.fr', 'Acme.de']))
      .then({
        type: 'OrganizationDomainsChanged',
        data: { organization_id: organizationId, domain_names: ['acme.fr', 'acme.de'] },
      }));

  it('may empty the list', () =>
    given(organizationCreated(['acme.com']))
      .when(changeDomains([]))
      .then({
        type: 'OrganizationDomainsChanged',
        data: { organization_id: organizationId, domain_names: [] },
      }));

  it('decides nothing when the same domains come back in another order or case', () =>
    given(organizationCreated(['acme.com', 'acme.fr']))
      .when(changeDomains(['ACME.fr', 'acme.com', 'acme.com']))
      .thenNothingHappens());
});

describe('R6.4 the account\'s default "Unassigned" organization stays', () => {
  it('refuses to remove it', () =>
    given(organizationCreated([])).when(remove(true)).thenRefuses('R6.4'));
});

describe('R2.9 removing an organization', () => {
  it('records the removal alone: tickets move afterwards, in a process manager', () =>
    given(organizationCreated()).when(remove()).then(organizationRemoved));

  it('decides nothing when removed twice', () =>
    given(organizationCreated(), organizationRemoved).when(remove()).thenNothingHappens());

  it.each([rename('Acme Corp'), changeDomains(['acme.org'])])(
    'refuses $type once removed',
    (command) => given(organizationCreated(), organizationRemoved).when(command).thenNotFound(),
  );
});

describe('a missing organization', () => {
  it.each([rename('Acme'), changeDomains(['acme.com']), remove()])(
    'refuses $type as not found',
    (command) => given().when(command).thenNotFound(),
  );
});
