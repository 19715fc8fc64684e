import type { AccountEvent, Plan } from '@helpdesk/events';
import type { CommandActor, KnownUser } from '../shared/facts';
import { defaultSettings, toEventSettings, type SettingsChanges } from './settings';

/** Test data shared by the account's specifications (no test runs from this file). */

export const accountId = '0a000000-0000-4000-8000-000000000001';
export const otherAccountId = '0a000000-0000-4000-8000-000000000002';
export const unassignedId = '0b000000-0000-4000-8000-000000000001';
export const templateId = '0c000000-0000-4000-8000-000000000001';
/** Ann opens the account and owns it; Bob and Dora are admins, Carl an agent. */
export const annId = '0d000000-0000-4000-8000-00000000000a';
export const bobId = '0d000000-0000-4000-8000-00000000000b';
export const carlId = '0d000000-0000-4000-8000-00000000000c';
export const doraId = '0d000000-0000-4000-8000-00000000000d';

export const ann: CommandActor = { type: 'user', id: annId, role: 'admin' };
export const bob: CommandActor = { type: 'user', id: bobId, role: 'admin' };
export const carl: CommandActor = { type: 'user', id: carlId, role: 'agent' };
export const theSystem: CommandActor = { type: 'system' };
export const anOperator: CommandActor = { type: 'operator' };

export const knownUser = (id: string, overrides: Partial<KnownUser> = {}): KnownUser => ({
  id,
  accountId,
  role: 'admin',
  status: 'active',
  organizationIds: [],
  defaultOrganizationId: null,
  ...overrides,
});

export const accountCreated = (
  plan: Plan = 'team',
  settings: SettingsChanges = {},
): AccountEvent => ({
  type: 'AccountCreated',
  data: {
    account_id: accountId,
    name: 'Acme Support',
    plan,
    owner_id: annId,
    default_organization_id: unassignedId,
    settings: toEventSettings({ ...defaultSettings, ...settings }),
  },
});

export const ownerTransferred = (from: string, to: string): AccountEvent => ({
  type: 'OwnerTransferred',
  data: { account_id: accountId, previous_owner_id: from, owner_id: to },
});

/** The settings after a change: the defaults with `settings` applied. */
export const settingsChanged = (settings: SettingsChanges): AccountEvent => ({
  type: 'AccountSettingsChanged',
  data: { account_id: accountId, settings: toEventSettings({ ...defaultSettings, ...settings }) },
});
