import type { OrganizationEvent } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import type {
  ChangeOrganizationDomains,
  CreateOrganization,
  OrganizationCommand,
  RemoveOrganization,
  RenameOrganization,
} from './commands';
import { normalizeDomainNames, sameDomainNames } from './domain-names';
import type { Organization, OrganizationState } from './state';

type OrganizationDecision = Decision<OrganizationEvent>;

/**
 * Settled here: domain names may be stored on any plan; only the Enterprise plan uses them to
 * place new users (R6.4), so a downgrade loses no data and an upgrade needs no re-entry.
 */
const createOrganization = (
  cmd: CreateOrganization,
  state: OrganizationState,
): OrganizationDecision => {
  if (state !== null) return alreadyExists('organization');
  return accept([
    {
      type: 'OrganizationCreated',
      data: {
        organization_id: cmd.organizationId,
        account_id: cmd.accountId,
        name: cmd.name.trim(),
        domain_names: normalizeDomainNames(cmd.domainNames),
      },
    },
  ]);
};

const renameOrganization = (
  cmd: RenameOrganization,
  organization: Organization,
): OrganizationDecision => {
  const name = cmd.name.trim();
  if (name === organization.name) return nothingToDo();
  return accept([
    {
      type: 'OrganizationRenamed',
      data: { organization_id: organization.id, name, previous_name: organization.name },
    },
  ]);
};

const changeDomains = (
  cmd: ChangeOrganizationDomains,
  organization: Organization,
): OrganizationDecision => {
  const domainNames = normalizeDomainNames(cmd.domainNames);
  if (sameDomainNames(domainNames, organization.domainNames)) return nothingToDo();
  return accept([
    {
      type: 'OrganizationDomainsChanged',
      data: { organization_id: organization.id, domain_names: domainNames },
    },
  ]);
};

/**
 * R2.9: removing only records the fact; a process manager then promotes new default
 * organizations and moves the non-archived tickets, one requester at a time.
 */
const removeOrganization = (
  cmd: RemoveOrganization,
  organization: Organization,
): OrganizationDecision => {
  if (cmd.isAccountDefault)
    return refuse('R6.4', 'the account\'s default "Unassigned" organization cannot be removed');
  return accept([
    {
      type: 'OrganizationRemoved',
      data: { organization_id: organization.id, account_id: organization.accountId },
    },
  ]);
};

export const decide = (
  command: OrganizationCommand,
  state: OrganizationState,
): OrganizationDecision => {
  if (command.type === 'CreateOrganization') return createOrganization(command, state);
  if (state === null) return notFound('organization');
  // Removing twice is a repeat (a retried DELETE, a replayed process) and decides nothing;
  // any other command on a removed organization finds nothing to act on.
  if (state.removed)
    return command.type === 'RemoveOrganization'
      ? nothingToDo()
      : notFound('organization', 'the organization was removed');
  switch (command.type) {
    case 'RenameOrganization':
      return renameOrganization(command, state);
    case 'ChangeOrganizationDomains':
      return changeDomains(command, state);
    case 'RemoveOrganization':
      return removeOrganization(command, state);
    default:
      return assertNever(command);
  }
};
