import * as E from 'fp-ts/Either';
import type { Plan, Role, Uuid } from '@helpdesk/events';
import { ChangePlan, ChangeSettings, CreateAccount, TransferOwnership } from '../account';
import { allowsMultipleOrganizations, type CommandActor } from '../shared/facts';
import { ChangeRole, DeleteUser } from '../user';
import { createUser, emailsHeldBy, release } from './email-flow';
import { createOrganization } from './organization-flow';
import { accountId, ownerEmail, ownerId, unassignedId } from './pools';
import { World, type Deciders } from './world';

/** The account, its owner and the users' lifecycle. */

const noteOrganizationSetting = (world: World): void => {
  const account = world.account();
  world.everAllowedMultipleOrganizations ||= allowsMultipleOrganizations({
    plan: account.plan,
    multipleOrganizations: account.settings.multipleOrganizations,
  });
};

/** An opened account: its "Unassigned" organization and its owner, an admin (R4.1, R6.4). */
export const openAccount = (
  plan: Plan,
  multipleOrganizations: boolean,
  deciders: Partial<Deciders> = {},
): World => {
  const world = new World(deciders);
  const command: CreateAccount = {
    type: 'CreateAccount',
    accountId,
    name: 'Acme Support',
    plan,
    ownerId,
    defaultOrganizationId: unassignedId,
    settings: { multipleOrganizations },
  };
  // an impossible combination (multiple organizations on the Team plan) opens it without them
  if (E.isLeft(world.decide(world.accounts, accountId, command, CreateAccount)))
    world.decide(world.accounts, accountId, { ...command, settings: {} }, CreateAccount);
  createOrganization(world, unassignedId, 'Unassigned');
  createUser(world, {
    type: 'CreateUser',
    userId: ownerId,
    accountId,
    actor: { type: 'operator' },
    role: 'admin',
    profile: { name: 'Olive Owner' },
    verified: true,
    source: 'account',
    identities: [{ identityId: world.newId(), type: 'email', value: ownerEmail, verified: true }],
    memberships: [],
    account: world.knownAccount(),
  });
  noteOrganizationSetting(world);
  return world;
};

export const changeSettings = (
  world: World,
  multipleOrganizations: boolean,
  actor: CommandActor,
): void => {
  const command: ChangeSettings = {
    type: 'ChangeSettings',
    accountId,
    actor,
    settings: { multipleOrganizations },
  };
  world.decide(world.accounts, accountId, command, ChangeSettings);
  noteOrganizationSetting(world);
};

export const changePlan = (world: World, plan: Plan, actor: CommandActor): void => {
  const command: ChangePlan = { type: 'ChangePlan', accountId, actor, plan };
  world.decide(world.accounts, accountId, command, ChangePlan);
  noteOrganizationSetting(world);
};

export const transferOwnership = (world: World, newOwnerId: Uuid, actor: CommandActor): void => {
  const newOwner = world.knownUser(newOwnerId);
  if (newOwner === undefined) return;
  const command: TransferOwnership = { type: 'TransferOwnership', accountId, actor, newOwner };
  world.decide(world.accounts, accountId, command, TransferOwnership);
};

export const changeRole = (world: World, userId: Uuid, role: Role): void => {
  const isOwner = world.account().ownerId === userId;
  const command: ChangeRole = { type: 'ChangeRole', userId, role, isOwner };
  world.decide(world.users, userId, command, ChangeRole);
};

/**
 * A deleted user's addresses are released, so that another user may have them (R5.2). The target
 * of a merge not carried out yet cannot be deleted: the merge's tickets would have nobody to go
 * to (R3.6). The user decider cannot see that (`UserMerged` is in the source's stream), so the
 * application refuses it, as this model does.
 */
export const deleteUser = (world: World, userId: Uuid): void => {
  if (world.existingUsers().some((u) => u.mergedIntoId === userId && !u.mergeCompleted)) return;
  const isOwner = world.account().ownerId === userId;
  const command: DeleteUser = { type: 'DeleteUser', userId, isOwner };
  const decision = world.decide(world.users, userId, command, DeleteUser);
  if (E.isRight(decision) && decision.right.length > 0)
    release(world, userId, emailsHeldBy(world, userId));
};
