import type { CommandActor, ExistingUser, ProfileChanges } from '@helpdesk/domain';
import { domainRefusal, type AppError } from '../command/app-error';

/**
 * Who may act on which user, settled here (api.md: end users reach only their own data). The
 * system and operators act for the platform. Admins manage every user of their account, agents
 * manage end users, and anyone manages their own profile and identities. An end user never learns
 * whether another user exists: acting on one is "not found", as api.md has it for tickets.
 */
export type UserAction = 'profile' | 'identities' | 'memberships' | 'verify' | 'role' | 'delete';

const forbidden = (message: string): AppError =>
  domainRefusal({ kind: 'Forbidden', rule: null, message });

const hidden = (): AppError =>
  domainRefusal({ kind: 'NotFound', entity: 'user', message: 'user not found' });

/** Profile fields an end user may change on their own profile; the rest is the team's. */
const selfServiceFields: ReadonlyArray<keyof ProfileChanges> = [
  'name',
  'phone',
  'locale',
  'timeZone',
  'photoUrl',
];

const staffOnlyChange = (changes: ProfileChanges): string | undefined =>
  Object.keys(changes).find((field) => !selfServiceFields.includes(field as keyof ProfileChanges));

export const mayActOnUser = (
  actor: CommandActor,
  target: ExistingUser,
  action: UserAction,
): AppError | undefined => {
  if (actor.type !== 'user') return undefined;
  const self = actor.id === target.id;
  if (actor.role === 'end-user') {
    if (!self) return hidden();
    return action === 'profile' || action === 'identities'
      ? undefined
      : forbidden(`an end user cannot change their own ${action}`);
  }
  if (action === 'role' && actor.role !== 'admin') return forbidden('only admins change roles');
  if (action === 'delete' && self) return forbidden('users cannot delete themselves');
  if (actor.role === 'admin' || self || target.role === 'end-user') return undefined;
  return forbidden('agents manage end users only');
};

/** An end user changing their own profile may change only the self-service fields. */
export const mayChangeProfile = (
  actor: CommandActor,
  changes: ProfileChanges,
): AppError | undefined => {
  if (actor.type !== 'user' || actor.role !== 'end-user') return undefined;
  const field = staffOnlyChange(changes);
  return field === undefined ? undefined : forbidden(`an end user cannot change ${field}`);
};
