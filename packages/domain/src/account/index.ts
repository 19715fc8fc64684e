export {
  AccountCommand,
  ChangePlan,
  ChangeSettings,
  CreateAccount,
  RenameAccount,
  TransferOwnership,
} from './commands';
export { accountDecider } from './decider';
export {
  accountAllowsMultipleOrganizations,
  canAccessSubscription,
  canManageAccount,
  canTransferOwnership,
  isOwner,
  knownAccount,
  mapsEmailDomainsToOrganizations,
  mayBecomeOwner,
  teamRoleLabel,
} from './queries';
export {
  Settings as AccountSettingsValues,
  SettingsChanges as AccountSettingsChanges,
  defaultSettings as defaultAccountSettings,
} from './settings';
export type { Account, AccountState } from './state';
