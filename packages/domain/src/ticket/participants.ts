import type { Uuid } from '@helpdesk/events';
import { refuse, type Decision } from '../shared/decision';
import type { CommandActor, KnownUser } from '../shared/facts';

/**
 * The refusal when this user cannot take part in a ticket of this account: a merged user can
 * never be a requester again (R3.5); anyone else must be an active user of the account (R1.2).
 * Settled here: a CC meets the same conditions as a requester.
 */
export const refusalOfParticipant = (
  user: KnownUser,
  accountId: Uuid,
  part: 'requester' | 'CC' | 'merge target',
): Decision<never> | undefined => {
  if (user.status === 'merged') return refuse('R3.5', `a merged user cannot be a ${part}`);
  if (user.status !== 'active') return refuse('R1.2', `the ${part} must be an active user`);
  if (user.accountId !== accountId)
    return refuse('R1.2', `the ${part} must be a user of the ticket's account`);
  return undefined;
};

/** Agents and admins: whom R1.1 and R2.6 allow to change a ticket's requester and organization. */
export const isStaff = (actor: CommandActor): boolean =>
  actor.type === 'user' && (actor.role === 'agent' || actor.role === 'admin');
