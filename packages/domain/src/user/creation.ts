import type { IdentityType, Role, UserEvent, UserSource } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import { accept, alreadyExists, notFound, refuse, type Decision } from '../shared/decision';
import { allowsMultipleOrganizations, type CommandActor } from '../shared/facts';
import type { CreateUser, NewIdentity, NewMembership } from './commands';
import { identityAdded, includesIdentity, refuseDuplicate } from './identities';
import { defaultOrganizationChanged, membershipAdded } from './memberships';
import { completeProfile, toEventProfile } from './profile';
import type { User } from './state';

const isStaff = (actor: CommandActor): boolean =>
  actor.type === 'user' && (actor.role === 'agent' || actor.role === 'admin');

const isAdmin = (actor: CommandActor): boolean => actor.type === 'user' && actor.role === 'admin';

/**
 * R5.1, and what it leaves open settled: end users come by email or the portal (the system adds
 * them), from an agent on a ticket or a CC, or by hand from an agent or admin; only admins import,
 * and only admins add agents and admins. The owner is added with their account.
 */
export const mayCreate = (actor: CommandActor, source: UserSource, role: Role): boolean => {
  switch (source) {
    case 'email':
    case 'portal':
      return actor.type === 'system' && role === 'end-user';
    case 'ticket':
    case 'cc':
      return isStaff(actor) && role === 'end-user';
    case 'manual':
      return role === 'end-user' ? isStaff(actor) : isAdmin(actor);
    case 'import':
      return isAdmin(actor);
    case 'account':
      // R4.1: the owner, created with the account, is an admin
      return (actor.type === 'system' || actor.type === 'operator') && role === 'admin';
    default:
      return assertNever(source);
  }
};

const firstIndexOfEachType = (identities: ReadonlyArray<NewIdentity>): Set<number> => {
  const seen = new Set<IdentityType>();
  const firsts = new Set<number>();
  identities.forEach((identity, index) => {
    if (!seen.has(identity.type)) firsts.add(index);
    seen.add(identity.type);
  });
  return firsts;
};

const duplicateIdentity = (identities: ReadonlyArray<NewIdentity>): NewIdentity | undefined =>
  identities.find((identity, index) => includesIdentity(identities.slice(0, index), identity));

const hasRepeats = (ids: ReadonlyArray<string>): boolean => new Set(ids).size < ids.length;

/** R2.1 for a new user's organizations; returns why they are refused, if they are. */
const membershipsProblem = (
  memberships: ReadonlyArray<NewMembership>,
  cmd: CreateUser,
): string | undefined => {
  const organizations = new Set(memberships.map((m) => m.organizationId));
  if (organizations.size < memberships.length) return 'an organization is listed twice';
  if (memberships.length > 1 && !allowsMultipleOrganizations(cmd.account))
    return 'this account allows one organization per user';
  if (memberships.filter((m) => m.default === true).length > 1)
    return 'a user has exactly one default organization';
  return undefined;
};

export const createUser = (cmd: CreateUser, user: User): Decision<UserEvent> => {
  if (user.exists) return alreadyExists('user');
  if (cmd.account.id !== cmd.accountId)
    return notFound('account', 'the account facts describe another account');
  if (!mayCreate(cmd.actor, cmd.source, cmd.role))
    return refuse('R5.1', `this actor cannot add a user of role ${cmd.role} from ${cmd.source}`);
  if (hasRepeats(cmd.identities.map((i) => i.identityId)))
    return alreadyExists('identity', 'two new identities share an id');
  if (hasRepeats(cmd.memberships.map((m) => m.membershipId)))
    return alreadyExists('membership', 'two new memberships share an id');
  const duplicate = duplicateIdentity(cmd.identities);
  if (duplicate !== undefined) return refuseDuplicate(duplicate);
  const problem = membershipsProblem(cmd.memberships, cmd);
  if (problem !== undefined) return refuse('R2.1', problem);

  // R5.2 (one address, one user of the account) is not decided here: the application layer claims
  // each address in its `claim-email-…` stream before this append, and a taken claim refuses it.
  const primaries = firstIndexOfEachType(cmd.identities);
  const defaultMembership = cmd.memberships.find((m) => m.default === true) ?? cmd.memberships[0];
  return accept([
    {
      type: 'UserCreated',
      data: {
        user_id: cmd.userId,
        account_id: cmd.accountId,
        role: cmd.role,
        verified: cmd.verified,
        source: cmd.source,
        profile: toEventProfile(completeProfile(cmd.profile)),
      },
    },
    ...cmd.identities.map((identity, index) =>
      identityAdded(
        cmd.userId,
        identity.identityId,
        identity,
        identity.verified,
        primaries.has(index),
      ),
    ),
    ...cmd.memberships.map((membership) => membershipAdded(cmd.userId, membership)),
    ...(defaultMembership === undefined
      ? []
      : [defaultOrganizationChanged(cmd.userId, defaultMembership.organizationId, null)]),
  ]);
};
