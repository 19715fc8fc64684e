import type { UserEvent } from '@helpdesk/events';
import {
  accept,
  forbidden,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import type { CommandActor } from '../shared/facts';
import type { CompletePasswordReset, RequestPasswordReset } from './commands';
import type { ExistingUser } from './state';

/**
 * R6.7: agents and end users can start a portal password reset: an end user for themself, an
 * agent or admin for any end user, and the system for the forgot-password form (which answers the
 * same whether or not the address exists).
 */
export const mayStartPasswordReset = (actor: CommandActor, user: ExistingUser): boolean => {
  switch (actor.type) {
    case 'system':
      return true;
    case 'operator':
      return false;
    case 'user':
      return actor.role === 'end-user' ? actor.id === user.id : true;
  }
};

export const requestPasswordReset = (
  cmd: RequestPasswordReset,
  user: ExistingUser,
): Decision<UserEvent> => {
  if (!mayStartPasswordReset(cmd.actor, user))
    return forbidden('R6.7', 'an end user can only reset their own portal password');
  // Settled here: the portal is the end users' (R6.9); agents and admins sign in with tokens.
  if (user.role !== 'end-user') return refuse('R6.7', 'portal passwords are for end users');
  if (user.passwordResets.requested.includes(cmd.resetId)) return nothingToDo();
  return accept([
    { type: 'PasswordResetRequested', data: { user_id: user.id, reset_id: cmd.resetId } },
  ]);
};

/** R6.8: each link sets a password once; using a spent one again records nothing more. */
export const completePasswordReset = (
  cmd: CompletePasswordReset,
  user: ExistingUser,
): Decision<UserEvent> => {
  if (!user.passwordResets.requested.includes(cmd.resetId))
    return notFound('password reset', 'no such password reset was started for this user');
  if (user.passwordResets.completed.includes(cmd.resetId)) return nothingToDo();
  return accept([
    { type: 'PasswordResetCompleted', data: { user_id: user.id, reset_id: cmd.resetId } },
  ]);
};
