import type { UserEvent } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { notFound, nothingToDo, refuse, type Decision } from '../shared/decision';
import { absorbMergedUser } from './absorb';
import type { CreateUser, UserCommand } from './commands';
import { createUser } from './creation';
import { addIdentity, makePrimaryIdentity, removeIdentity, verifyIdentity } from './identities';
import { changeRole, deleteUser, updateProfile, verifyUser } from './lifecycle';
import {
  addOrganizationMembership,
  leaveRemovedOrganization,
  makeDefaultOrganization,
  removeOrganizationMembership,
} from './memberships';
import { completeMerge, mergeInto } from './merge';
import { completePasswordReset, requestPasswordReset } from './password';
import type { ExistingUser, User } from './state';

type CommandOnExistingUser = Exclude<UserCommand, CreateUser>;

const decideForActiveUser = (
  command: CommandOnExistingUser,
  user: ExistingUser,
): Decision<UserEvent> => {
  switch (command.type) {
    case 'UpdateProfile':
      return updateProfile(command, user);
    case 'ChangeRole':
      return changeRole(command, user);
    case 'VerifyUser':
      return verifyUser(command, user);
    case 'AddIdentity':
      return addIdentity(command, user);
    case 'RemoveIdentity':
      return removeIdentity(command, user);
    case 'MakePrimaryIdentity':
      return makePrimaryIdentity(command, user);
    case 'VerifyIdentity':
      return verifyIdentity(command, user);
    case 'AddOrganizationMembership':
      return addOrganizationMembership(command, user);
    case 'RemoveOrganizationMembership':
      return removeOrganizationMembership(command, user);
    case 'MakeDefaultOrganization':
      return makeDefaultOrganization(command, user);
    case 'LeaveRemovedOrganization':
      return leaveRemovedOrganization(command, user);
    case 'MergeInto':
      return mergeInto(command, user);
    case 'AbsorbMergedUser':
      return absorbMergedUser(command, user);
    case 'CompleteMerge':
      return completeMerge(command, user);
    case 'DeleteUser':
      return deleteUser(command, user);
    case 'RequestPasswordReset':
      return requestPasswordReset(command, user);
    case 'CompletePasswordReset':
      return completePasswordReset(command, user);
    default:
      return assertNever(command);
  }
};

/**
 * R3.5: a merged user is gone for good (only the merge that retired it may still be completed);
 * a deleted one too (deleting it again changes nothing). R2.9: a removed organization is gone for
 * every user, retired ones included, so that no fact about them still names it.
 */
const decideForRetiredUser = (
  command: CommandOnExistingUser,
  user: ExistingUser,
): Decision<UserEvent> => {
  if (user.status === 'merged' && command.type === 'CompleteMerge')
    return completeMerge(command, user);
  if (user.status === 'deleted' && command.type === 'DeleteUser') return nothingToDo();
  if (command.type === 'LeaveRemovedOrganization') return leaveRemovedOrganization(command, user);
  return refuse('R3.5', `the user was ${user.status} and cannot be changed`);
};

export const decide = (command: UserCommand, user: User): Decision<UserEvent> => {
  if (command.type === 'CreateUser') return createUser(command, user);
  if (!user.exists || user.id !== command.userId) return notFound('user');
  return user.status === 'active'
    ? decideForActiveUser(command, user)
    : decideForRetiredUser(command, user);
};
