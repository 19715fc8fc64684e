import type { UserEvent, Uuid } from '@helpdesk/events';
import {
  accept,
  alreadyExists,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import { allowsMultipleOrganizations } from '../shared/facts';
import type {
  AddOrganizationMembership,
  LeaveRemovedOrganization,
  MakeDefaultOrganization,
  RemoveOrganizationMembership,
} from './commands';
import type { ExistingUser, Membership } from './state';

export const membershipAdded = (userId: Uuid, membership: Membership): UserEvent => ({
  type: 'OrganizationMembershipAdded',
  data: {
    user_id: userId,
    membership_id: membership.membershipId,
    organization_id: membership.organizationId,
    primary_contact: membership.primaryContact,
  },
});

export const defaultOrganizationChanged = (
  userId: Uuid,
  organizationId: Uuid | null,
  previousOrganizationId: Uuid | null,
): UserEvent => ({
  type: 'DefaultOrganizationChanged',
  data: {
    user_id: userId,
    organization_id: organizationId,
    previous_organization_id: previousOrganizationId,
  },
});

const membershipIn = (user: ExistingUser, organizationId: Uuid): Membership | undefined =>
  user.memberships.find((m) => m.organizationId === organizationId);

export const addOrganizationMembership = (
  cmd: AddOrganizationMembership,
  user: ExistingUser,
): Decision<UserEvent> => {
  const current = membershipIn(user, cmd.organizationId);
  if (current !== undefined) {
    const becomesDefault =
      cmd.makeDefault === true && user.defaultOrganizationId !== cmd.organizationId;
    return becomesDefault
      ? accept([
          defaultOrganizationChanged(user.id, cmd.organizationId, user.defaultOrganizationId),
        ])
      : nothingToDo();
  }
  if (user.memberships.some((m) => m.membershipId === cmd.membershipId))
    return alreadyExists('membership');
  if (user.memberships.length > 0 && !allowsMultipleOrganizations(cmd.account))
    return refuse('R2.1', 'this account allows one organization per user');
  const added = membershipAdded(user.id, cmd);
  // R2.1: the first organization is the default, since a member always has one
  if (user.defaultOrganizationId === null || cmd.makeDefault === true)
    return accept([
      added,
      defaultOrganizationChanged(user.id, cmd.organizationId, user.defaultOrganizationId),
    ]);
  return accept([added]);
};

/**
 * Leaving an organization (R2.8, R2.9): when it was the default, another organization is promoted
 * first, so the stream never shows a default the user is not a member of; when none is left the
 * default becomes null after the removal, so a member is never shown without a default (R2.1).
 */
const leave = (user: ExistingUser, membership: Membership): ReadonlyArray<UserEvent> => {
  const removed: UserEvent = {
    type: 'OrganizationMembershipRemoved',
    data: {
      user_id: user.id,
      membership_id: membership.membershipId,
      organization_id: membership.organizationId,
    },
  };
  if (user.defaultOrganizationId !== membership.organizationId) return [removed];
  const successor = user.memberships.find((m) => m.membershipId !== membership.membershipId);
  return successor === undefined
    ? [removed, defaultOrganizationChanged(user.id, null, membership.organizationId)]
    : [
        defaultOrganizationChanged(user.id, successor.organizationId, membership.organizationId),
        removed,
      ];
};

export const removeOrganizationMembership = (
  cmd: RemoveOrganizationMembership,
  user: ExistingUser,
): Decision<UserEvent> => {
  const membership = user.memberships.find((m) => m.membershipId === cmd.membershipId);
  return membership === undefined ? notFound('membership') : accept(leave(user, membership));
};

/** R2.9: a process manager issues this for each member of a deleted organization; a repeat does nothing. */
export const leaveRemovedOrganization = (
  cmd: LeaveRemovedOrganization,
  user: ExistingUser,
): Decision<UserEvent> => {
  const membership = membershipIn(user, cmd.organizationId);
  return membership === undefined ? nothingToDo() : accept(leave(user, membership));
};

export const makeDefaultOrganization = (
  cmd: MakeDefaultOrganization,
  user: ExistingUser,
): Decision<UserEvent> => {
  if (membershipIn(user, cmd.organizationId) === undefined)
    return refuse('R2.1', "the default organization must be one of the user's organizations");
  if (user.defaultOrganizationId === cmd.organizationId) return nothingToDo();
  return accept([
    defaultOrganizationChanged(user.id, cmd.organizationId, user.defaultOrganizationId),
  ]);
};
