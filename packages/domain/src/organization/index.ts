export {
  ChangeOrganizationDomains,
  CreateOrganization,
  OrganizationCommand,
  RemoveOrganization,
  RenameOrganization,
} from './commands';
export { organizationDecider } from './decider';
export { DomainNameInput, normalizeDomainName, normalizeDomainNames } from './domain-names';
export type { Organization, OrganizationState } from './state';
