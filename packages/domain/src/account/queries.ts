import type { Role, Uuid } from '@helpdesk/events';
import {
  allowsMultipleOrganizations,
  roleLabel,
  type CommandActor,
  type KnownAccount,
  type KnownUser,
} from '../shared/facts';
import type { Account } from './state';

/**
 * Pure questions about an account that the decider, the other aggregates and the API ask.
 * Each names the rule it answers.
 */

/** R4.1: the one owner of the account. */
export const isOwner = (account: Account, userId: Uuid): boolean => account.ownerId === userId;

/**
 * Settled here (api.md, `PUT /api/v2/account`): renaming the account, changing its plan or its settings is for its admins.
 * The actor is authenticated within this account by the application layer, so its role suffices.
 * Neither the system nor a platform operator manages a tenant's account for it.
 */
export const canManageAccount = (actor: CommandActor): boolean =>
  actor.type === 'user' && actor.role === 'admin';

/** R4.2: only the current owner hands the account over; not another admin, the system or an operator. */
export const canTransferOwnership = (account: Account, actor: CommandActor): boolean =>
  actor.type === 'user' && isOwner(account, actor.id);

/** R4.3: the new owner is already an active admin of this account. */
export const mayBecomeOwner = (account: Account, user: KnownUser): boolean =>
  user.accountId === account.id && user.role === 'admin' && user.status === 'active';

/** R4.4: billing and subscription resources are the owner's alone. */
export const canAccessSubscription = (account: Account, actor: CommandActor): boolean =>
  actor.type === 'user' && isOwner(account, actor.id);

/** R4.7: team listings show the owner as "admin (owner)" so that anyone can find them. */
export const teamRoleLabel = (
  account: Account,
  user: { readonly id: Uuid; readonly role: Role },
): string => roleLabel(user.role, isOwner(account, user.id));

/** R2.1: whether an end user of this account may belong to several organizations. */
export const accountAllowsMultipleOrganizations = (account: Account): boolean =>
  allowsMultipleOrganizations({
    plan: account.plan,
    multipleOrganizations: account.settings.multipleOrganizations,
  });

/** R6.4: an organization's domain names place new users only on the Enterprise plan. */
export const mapsEmailDomainsToOrganizations = (account: Account): boolean =>
  account.plan === 'enterprise';

/** The facts about this account that user and ticket commands carry (R2.1, R3.4). */
export const knownAccount = (account: Account): KnownAccount => ({
  id: account.id,
  plan: account.plan,
  multipleOrganizations: account.settings.multipleOrganizations,
  sso: account.settings.sso,
});
