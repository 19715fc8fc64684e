import { assertNever } from '../shared/decider';
import {
  changePlan,
  changeRole,
  changeSettings,
  deleteUser,
  transferOwnership,
} from './account-flow';
import { addEmail, createUser, makePrimaryEmail, removeEmail } from './email-flow';
import { mergeUsers } from './merge-flow';
import {
  createOrganization,
  joinOrganization,
  leaveOrganization,
  makeDefaultOrganization,
  removeOrganization,
} from './organization-flow';
import * as pool from './pools';
import {
  actorOf,
  email,
  newTicket,
  newUser,
  organization,
  someOrganizationOf,
  someTicket,
  someUser,
  someUserWithRole,
} from './references';
import type { Step } from './steps';
import {
  addCollaborator,
  archiveTicket,
  changeRequester,
  changeRequesterToNewPerson,
  changeStatus,
  changeTicketOrganization,
  createTicket,
  receiveEmail,
} from './ticket-flow';
import type { World } from './world';

/** One step of a scenario, carried out as the application (and its process managers) would. */
export const perform = (world: World, s: Step): void => {
  switch (s.step) {
    case 'createUser':
      createUser(world, {
        type: 'CreateUser',
        userId: newUser(world, s.user),
        accountId: pool.accountId,
        actor: actorOf(world, s.actor),
        role: s.role,
        profile: { name: `User ${s.user}` },
        verified: s.verified,
        source: s.source,
        identities: s.emails.map((i) => ({
          identityId: world.newId(),
          type: 'email' as const,
          value: email(i),
          verified: s.verified,
        })),
        memberships: s.organizations
          .map(organization)
          .filter((id) => world.organizationIsLive(id))
          .map((organizationId) => ({
            membershipId: world.newId(),
            organizationId,
            primaryContact: false,
          })),
        account: world.knownAccount(),
      });
      return;
    case 'addEmail':
      return addEmail(world, someUser(world, s.user), email(s.email), s.verified);
    case 'removeEmail':
      return removeEmail(world, someUser(world, s.user), email(s.email));
    case 'makePrimaryEmail':
      return makePrimaryEmail(world, someUser(world, s.user), email(s.email));
    case 'createOrganization':
      return createOrganization(world, organization(s.organization), `Org ${s.organization}`);
    case 'removeOrganization':
      return removeOrganization(world, organization(s.organization));
    case 'join':
      return joinOrganization(
        world,
        someUser(world, s.user),
        organization(s.organization),
        s.makeDefault,
      );
    case 'leave': {
      const userId = someUser(world, s.user);
      return leaveOrganization(world, userId, someOrganizationOf(world, userId, s.organization));
    }
    case 'makeDefault': {
      const userId = someUser(world, s.user);
      return makeDefaultOrganization(
        world,
        userId,
        someOrganizationOf(world, userId, s.organization),
      );
    }
    case 'createTicket': {
      const requesterId = someUser(world, s.requester);
      return createTicket(
        world,
        {
          ticketId: newTicket(world, s.ticket),
          requesterId,
          channel: s.channel,
          organizationId:
            s.organization === null ? null : someOrganizationOf(world, requesterId, s.organization),
          status: s.status,
          collaboratorIds: s.ccs.map((i) => someUser(world, i)),
        },
        actorOf(world, s.actor),
      );
    }
    case 'receiveEmail':
      return receiveEmail(
        world,
        newTicket(world, s.ticket),
        email(s.email),
        newUser(world, s.newUser),
      );
    case 'changeRequester':
      return changeRequester(
        world,
        someTicket(world, s.ticket),
        someUser(world, s.requester),
        actorOf(world, s.actor),
      );
    case 'changeRequesterToNewPerson':
      return changeRequesterToNewPerson(
        world,
        someTicket(world, s.ticket),
        newUser(world, s.user),
        email(s.email),
        actorOf(world, s.actor),
      );
    case 'changeTicketOrganization': {
      const ticketId = someTicket(world, s.ticket);
      const ticket = world.ticket(ticketId);
      const requesterId = ticket?.requesterId ?? someUser(world, 0);
      return changeTicketOrganization(
        world,
        ticketId,
        s.organization === null
          ? null
          : someOrganizationOf(world, requesterId, s.organization, ticket?.organizationId),
        actorOf(world, s.actor),
      );
    }
    case 'addCc':
      return addCollaborator(
        world,
        someTicket(world, s.ticket),
        someUser(world, s.user),
        actorOf(world, s.actor),
      );
    case 'changeStatus':
      return changeStatus(world, someTicket(world, s.ticket), s.status, actorOf(world, s.actor));
    case 'archive':
      return archiveTicket(world, someTicket(world, s.ticket), { type: 'system' });
    case 'merge': {
      const sourceId = someUserWithRole(world, 'end-user', s.source);
      return mergeUsers(
        world,
        sourceId,
        someUserWithRole(world, 'end-user', s.target, sourceId),
        actorOf(world, s.actor),
      );
    }
    case 'changeRole':
      return changeRole(world, someUser(world, s.user), s.role);
    case 'transferOwnership':
      return transferOwnership(
        world,
        someUserWithRole(world, 'admin', s.newOwner, world.account().ownerId),
        actorOf(world, s.actor),
      );
    case 'deleteUser':
      return deleteUser(world, someUser(world, s.user));
    case 'changeSettings':
      return changeSettings(world, s.multipleOrganizations, actorOf(world, s.actor));
    case 'changePlan':
      return changePlan(world, s.plan, actorOf(world, s.actor));
    case 'settle':
      return world.settle(s.job);
    default:
      return assertNever(s);
  }
};
