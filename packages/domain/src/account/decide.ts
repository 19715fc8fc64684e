import type { AccountEvent } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  forbidden,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import type {
  AccountCommand,
  ChangePlan,
  ChangeSettings,
  CreateAccount,
  RenameAccount,
  TransferOwnership,
} from './commands';
import { planAllowsMultipleOrganizations } from '../shared/facts';
import { canManageAccount, canTransferOwnership, mayBecomeOwner } from './queries';
import {
  applySettingsChanges,
  defaultSettings,
  sameSettings,
  toEventSettings,
  type Settings,
} from './settings';
import type { Account, AccountState } from './state';

type AccountDecision = Decision<AccountEvent>;

/** R2.1 and R6.2: what a plan and a set of settings must agree on, or why they do not. */
const settingsProblem = (
  plan: Account['plan'],
  settings: Settings,
): AccountDecision | undefined => {
  if (settings.multipleOrganizations && !planAllowsMultipleOrganizations(plan))
    return refuse(
      'R2.1',
      'multiple organizations are only available on Professional and Enterprise',
    );
  if (settings.welcomeEmail.enabled && settings.welcomeEmail.templateId === null)
    return refuse('R6.2', 'a welcome email needs an email template');
  return undefined;
};

const notAnAdmin = (): AccountDecision =>
  forbidden(null, 'only an admin of the account can change its name, plan or settings');

const createAccount = (cmd: CreateAccount, state: AccountState): AccountDecision => {
  if (state !== null) return alreadyExists('account');
  const settings = applySettingsChanges(defaultSettings, cmd.settings ?? {});
  const problem = settingsProblem(cmd.plan, settings);
  if (problem) return problem;
  return accept([
    {
      type: 'AccountCreated',
      data: {
        account_id: cmd.accountId,
        name: cmd.name.trim(),
        plan: cmd.plan,
        owner_id: cmd.ownerId,
        default_organization_id: cmd.defaultOrganizationId,
        settings: toEventSettings(settings),
      },
    },
  ]);
};

const renameAccount = (cmd: RenameAccount, account: Account): AccountDecision => {
  if (!canManageAccount(cmd.actor)) return notAnAdmin();
  const name = cmd.name.trim();
  if (name === account.name) return nothingToDo();
  return accept([
    {
      type: 'AccountRenamed',
      data: { account_id: account.id, name, previous_name: account.name },
    },
  ]);
};

const changePlan = (cmd: ChangePlan, account: Account): AccountDecision => {
  if (!canManageAccount(cmd.actor)) return notAnAdmin();
  if (cmd.plan === account.plan) return nothingToDo();
  // Settled here: a downgrade never switches multiple organizations off behind the admin's back;
  // they turn it off first, choosing what happens to the extra memberships.
  const problem = settingsProblem(cmd.plan, account.settings);
  if (problem) return problem;
  return accept([
    {
      type: 'AccountPlanChanged',
      data: { account_id: account.id, plan: cmd.plan, previous_plan: account.plan },
    },
  ]);
};

const changeSettings = (cmd: ChangeSettings, account: Account): AccountDecision => {
  if (!canManageAccount(cmd.actor)) return notAnAdmin();
  const settings = applySettingsChanges(account.settings, cmd.settings);
  if (sameSettings(settings, account.settings)) return nothingToDo();
  const problem = settingsProblem(account.plan, settings);
  if (problem) return problem;
  return accept([
    {
      type: 'AccountSettingsChanged',
      data: { account_id: account.id, settings: toEventSettings(settings) },
    },
  ]);
};

/**
 * R4.5 (integrations the previous owner authorised now need the new owner's authorisation) is for
 * an integration aggregate reacting to `OwnerTransferred`; none exists yet.
 * R4.6 needs no account command: with no free agent seat the owner hands over their own profile
 * with user commands (add the new person's email, make it primary, remove the old email, reset
 * the password). `ownerId` does not change: the same user record now belongs to the new person.
 */
const transferOwnership = (cmd: TransferOwnership, account: Account): AccountDecision => {
  if (!canTransferOwnership(account, cmd.actor))
    return forbidden('R4.2', 'only the current owner can transfer the ownership of the account');
  if (cmd.newOwner.id === account.ownerId) return nothingToDo();
  if (!mayBecomeOwner(account, cmd.newOwner))
    return refuse('R4.3', 'the new owner must be an active admin of this account');
  // R4.1 holds by construction: the one event that names an owner replaces the previous one.
  return accept([
    {
      type: 'OwnerTransferred',
      data: {
        account_id: account.id,
        previous_owner_id: account.ownerId,
        owner_id: cmd.newOwner.id,
      },
    },
  ]);
};

export const decide = (command: AccountCommand, state: AccountState): AccountDecision => {
  if (command.type === 'CreateAccount') return createAccount(command, state);
  if (state === null) return notFound('account');
  switch (command.type) {
    case 'RenameAccount':
      return renameAccount(command, state);
    case 'ChangePlan':
      return changePlan(command, state);
    case 'ChangeSettings':
      return changeSettings(command, state);
    case 'TransferOwnership':
      return transferOwnership(command, state);
    default:
      return assertNever(command);
  }
};
