import * as t from 'io-ts';
import { NonEmptyString, Plan, Uuid } from '@helpdesk/events';
import { CommandActor, KnownUser } from '../shared/facts';
import { SettingsChanges } from './settings';

/**
 * Commands of the account aggregate. The application layer authenticates the actor within this
 * account (its token belongs to the account) and looks up the facts about other users.
 */

export const CreateAccount = t.intersection(
  [
    t.strict({
      type: t.literal('CreateAccount'),
      accountId: Uuid,
      name: NonEmptyString,
      plan: Plan,
      /** the admin created with the account (R4.1) */
      ownerId: Uuid,
      /** the "Unassigned" organization created with the account (R6.4) */
      defaultOrganizationId: Uuid,
    }),
    /** omitted settings take their default (every optional behaviour off) */
    t.exact(t.partial({ settings: SettingsChanges })),
  ],
  'CreateAccount',
);
export type CreateAccount = t.TypeOf<typeof CreateAccount>;

export const RenameAccount = t.strict(
  { type: t.literal('RenameAccount'), accountId: Uuid, actor: CommandActor, name: NonEmptyString },
  'RenameAccount',
);
export type RenameAccount = t.TypeOf<typeof RenameAccount>;

export const ChangePlan = t.strict(
  { type: t.literal('ChangePlan'), accountId: Uuid, actor: CommandActor, plan: Plan },
  'ChangePlan',
);
export type ChangePlan = t.TypeOf<typeof ChangePlan>;

export const ChangeSettings = t.strict(
  {
    type: t.literal('ChangeSettings'),
    accountId: Uuid,
    actor: CommandActor,
    settings: SettingsChanges,
  },
  'ChangeSettings',
);
export type ChangeSettings = t.TypeOf<typeof ChangeSettings>;

export const TransferOwnership = t.strict(
  {
    type: t.literal('TransferOwnership'),
    accountId: Uuid,
    actor: CommandActor,
    newOwner: KnownUser,
  },
  'TransferOwnership',
);
export type TransferOwnership = t.TypeOf<typeof TransferOwnership>;

export const AccountCommand = t.union(
  [CreateAccount, RenameAccount, ChangePlan, ChangeSettings, TransferOwnership],
  'AccountCommand',
);
export type AccountCommand = t.TypeOf<typeof AccountCommand>;
