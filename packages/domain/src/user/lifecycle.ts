import type { UserEvent } from '@helpdesk/events';
import { accept, nothingToDo, refuse, type Decision } from '../shared/decision';
import type { ChangeRole, DeleteUser, UpdateProfile, VerifyUser } from './commands';
import { effectiveChanges } from './profile';
import type { ExistingUser } from './state';

export const updateProfile = (cmd: UpdateProfile, user: ExistingUser): Decision<UserEvent> => {
  const changes = effectiveChanges(user.profile, cmd.changes);
  if (Object.keys(changes).length === 0) return nothingToDo();
  return accept([{ type: 'UserProfileChanged', data: { user_id: user.id, changes } }]);
};

export const changeRole = (cmd: ChangeRole, user: ExistingUser): Decision<UserEvent> => {
  if (cmd.role === user.role) return nothingToDo();
  if (cmd.isOwner && cmd.role !== 'admin')
    return refuse('R4.1', 'the owner must stay an admin: transfer ownership first');
  return accept([
    {
      type: 'UserRoleChanged',
      data: { user_id: user.id, role: cmd.role, previous_role: user.role },
    },
  ]);
};

export const verifyUser = (_cmd: VerifyUser, user: ExistingUser): Decision<UserEvent> =>
  user.verified ? nothingToDo() : accept([{ type: 'UserVerified', data: { user_id: user.id } }]);

export const deleteUser = (cmd: DeleteUser, user: ExistingUser): Decision<UserEvent> =>
  cmd.isOwner
    ? refuse('R4.1', 'the owner cannot be deleted: transfer ownership first')
    : accept([{ type: 'UserDeleted', data: { user_id: user.id } }]);
