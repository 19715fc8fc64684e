import type { Role, Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import type { CommandActor } from '../shared/facts';
import * as pool from './pools';
import type { ActorKind, PoolSizes } from './steps';
import type { World } from './world';

/**
 * How the indices of a step become ids: the i-th of what exists first, then of the pools, so that
 * most steps act on something real and some on something that is not there.
 */

export const poolSizes: PoolSizes = {
  users: pool.users.length,
  organizations: pool.organizations.length,
  tickets: pool.tickets.length,
  emails: pool.emails.length,
};

export const email = (index: number): string => pool.emails[index % pool.emails.length]!;
export const organization = (index: number): Uuid =>
  pool.organizations[index % pool.organizations.length]!;

/** The i-th of the candidates, round and round. */
const nth = (candidates: ReadonlyArray<Uuid>, i: number): Uuid =>
  candidates[i % candidates.length]!;
const unused = (ids: ReadonlyArray<Uuid>, used: ReadonlyArray<Uuid>) =>
  ids.filter((id) => !used.includes(id));

export const someUser = (world: World, i: number): Uuid =>
  nth([...world.users.keys(), ...pool.users], i);
/** Users of a role first, other than `except`: most merges get past R3.1, most transfers past R4.3. */
export const someUserWithRole = (world: World, role: Role, i: number, except?: Uuid): Uuid =>
  nth(
    [
      ...world
        .existingUsers()
        .filter((u) => u.role === role && u.id !== except)
        .map((u) => u.id),
      ...pool.users,
    ],
    i,
  );
export const newUser = (world: World, i: number): Uuid => {
  const fresh = unused(pool.users, world.users.keys());
  return nth(fresh.length > 0 ? fresh : pool.users, i);
};
export const someTicket = (world: World, i: number): Uuid =>
  nth([...world.tickets.keys(), ...pool.tickets], i);
export const newTicket = (world: World, i: number): Uuid => {
  const fresh = unused(pool.tickets, world.tickets.keys());
  return nth(fresh.length > 0 ? fresh : pool.tickets, i);
};
/** one of the user's organizations first, so that leaving one is not mostly "not found" */
export const someOrganizationOf = (
  world: World,
  userId: Uuid,
  i: number,
  except?: Uuid | null,
): Uuid =>
  nth(
    [
      ...(world.user(userId)?.memberships.map((m) => m.organizationId) ?? []).filter(
        (id) => id !== except,
      ),
      ...pool.organizations,
    ],
    i,
  );

/** Who acts: the application authenticated them; only the owner's role is looked up. */
export const actorOf = (world: World, kind: ActorKind): CommandActor => {
  switch (kind) {
    case 'owner': {
      const id = world.account().ownerId;
      return { type: 'user', id, role: world.user(id)?.role ?? 'admin' };
    }
    case 'admin':
      return { type: 'user', id: pool.staffAdminId, role: 'admin' };
    case 'agent':
      return { type: 'user', id: pool.staffAgentId, role: 'agent' };
    case 'endUser':
      return { type: 'user', id: pool.users[1]!, role: 'end-user' };
    case 'system':
      return { type: 'system' };
    default:
      return assertNever(kind);
  }
};
