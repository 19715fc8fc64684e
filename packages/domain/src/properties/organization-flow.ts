import * as E from 'fp-ts/Either';
import type { Uuid } from '@helpdesk/events';
import { CreateOrganization, RemoveOrganization } from '../organization';
import {
  defaultOrganizationOf,
  MoveTicketOrganization,
  type OrganizationMoveReason,
} from '../ticket';
import {
  AddOrganizationMembership,
  LeaveRemovedOrganization,
  MakeDefaultOrganization,
  RemoveOrganizationMembership,
} from '../user';
import { accountId } from './pools';
import { replayAll, type Issued, type World } from './world';

/** Organizations, memberships and the process managers of R2.8 and R2.9. */

export const createOrganization = (world: World, organizationId: Uuid, name: string): void => {
  const command: CreateOrganization = {
    type: 'CreateOrganization',
    organizationId,
    accountId,
    name,
    domainNames: [],
  };
  world.decide(world.organizations, organizationId, command, CreateOrganization);
};

export const joinOrganization = (
  world: World,
  userId: Uuid,
  organizationId: Uuid,
  makeDefault: boolean,
): void => {
  // the application answers 404 for a user or an organization that does not exist (any more)
  if (world.user(userId) === undefined || !world.organizationIsLive(organizationId)) return;
  const command: AddOrganizationMembership = {
    type: 'AddOrganizationMembership',
    userId,
    membershipId: world.newId(),
    organizationId,
    primaryContact: false,
    account: world.knownAccount(),
    makeDefault,
  };
  world.decide(world.users, userId, command, AddOrganizationMembership);
};

export const makeDefaultOrganization = (world: World, userId: Uuid, organizationId: Uuid): void => {
  if (world.user(userId) === undefined) return;
  const command: MakeDefaultOrganization = {
    type: 'MakeDefaultOrganization',
    userId,
    organizationId,
  };
  world.decide(world.users, userId, command, MakeDefaultOrganization);
};

/**
 * The move of one requester's tickets out of an organization, for every ticket the read model
 * lists in it; archived ones included, since the decider itself must leave them alone.
 */
const moveTicketsOutOf = (
  world: World,
  requesterId: Uuid,
  organizationId: Uuid,
  toOrganizationId: Uuid | null,
  reason: OrganizationMoveReason,
): ReadonlyArray<Issued> =>
  world
    .existingTickets()
    .filter((t) => t.requesterId === requesterId && t.organizationId === organizationId)
    .map((ticket) => {
      const command: MoveTicketOrganization = {
        type: 'MoveTicketOrganization',
        ticketId: ticket.id,
        actor: { type: 'system' },
        requesterId,
        fromOrganizationId: organizationId,
        toOrganizationId,
        reason,
      };
      return world.issue(world.tickets, ticket.id, command, MoveTicketOrganization);
    });

/** R2.8: the user leaves; then their tickets in that organization move to their default. */
export const leaveOrganization = (world: World, userId: Uuid, organizationId: Uuid): void => {
  const user = world.user(userId);
  if (user === undefined) return;
  const membership = user.memberships.find((m) => m.organizationId === organizationId);
  // an unknown membership id lets the decider answer "not found" itself
  const command: RemoveOrganizationMembership = {
    type: 'RemoveOrganizationMembership',
    userId,
    membershipId: membership?.membershipId ?? world.newId(),
  };
  const decision = world.decide(world.users, userId, command, RemoveOrganizationMembership);
  if (E.isLeft(decision) || decision.right.length === 0) return;
  world.later(`move ${userId}'s tickets out of ${organizationId}`, () =>
    replayAll(
      moveTicketsOutOf(
        world,
        userId,
        organizationId,
        defaultOrganizationOf(world.knownUser(userId)!),
        'membership_removed',
      ),
    ),
  );
};

/** R2.9: members leave the removed organization first, then each requester's tickets move. */
const emptyRemovedOrganization = (world: World, organizationId: Uuid): void => {
  const leaves = world
    .existingUsers()
    .filter((u) => u.memberships.some((m) => m.organizationId === organizationId))
    .map((user) => {
      const leave: LeaveRemovedOrganization = {
        type: 'LeaveRemovedOrganization',
        userId: user.id,
        organizationId,
      };
      return world.issue(world.users, user.id, leave, LeaveRemovedOrganization);
    });
  const requesters = new Set(
    world
      .existingTickets()
      .filter((t) => t.organizationId === organizationId)
      .map((t) => t.requesterId),
  );
  const moves = [...requesters].flatMap((requesterId) =>
    moveTicketsOutOf(
      world,
      requesterId,
      organizationId,
      defaultOrganizationOf(world.knownUser(requesterId)!),
      'organization_removed',
    ),
  );
  replayAll([...leaves, ...moves]);
};

/** R2.9: the organization is removed; the process manager then empties it. */
export const removeOrganization = (world: World, organizationId: Uuid): void => {
  const command: RemoveOrganization = {
    type: 'RemoveOrganization',
    organizationId,
    isAccountDefault: world.account().defaultOrganizationId === organizationId,
  };
  const decision = world.decide(world.organizations, organizationId, command, RemoveOrganization);
  if (E.isLeft(decision) || decision.right.length === 0) return;
  world.later(`leave the removed ${organizationId}`, () =>
    emptyRemovedOrganization(world, organizationId),
  );
};
