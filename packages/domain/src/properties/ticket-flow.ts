import type { TicketStatus, Uuid } from '@helpdesk/events';
import type { CommandActor } from '../shared/facts';
import {
  AddCollaborator,
  ArchiveTicket,
  ChangeRequester,
  ChangeTicketOrganization,
  ChangeTicketStatus,
  CreateTicket,
  type TicketChannel,
} from '../ticket';
import { createUser } from './email-flow';
import { accountId, unassignedId } from './pools';
import type { World } from './world';

/** Tickets, with the facts about their people looked up as the application would. */

export interface NewTicket {
  readonly ticketId: Uuid;
  readonly requesterId: Uuid;
  readonly channel: TicketChannel;
  readonly organizationId: Uuid | null;
  readonly status: TicketStatus;
  readonly collaboratorIds: ReadonlyArray<Uuid>;
}

const submitterOf = (actor: CommandActor, requesterId: Uuid): Uuid =>
  actor.type === 'user' ? actor.id : requesterId;

export const createTicket = (world: World, ticket: NewTicket, actor: CommandActor): void => {
  const requester = world.knownUser(ticket.requesterId);
  if (requester === undefined) return; // the application answers 404
  const command: CreateTicket = {
    type: 'CreateTicket',
    ticketId: ticket.ticketId,
    accountId,
    actor,
    subject: 'Printer on fire',
    requester,
    submitterId: submitterOf(actor, ticket.requesterId),
    channel: ticket.channel,
    organizationId: ticket.organizationId,
    status: ticket.status,
    collaborators: ticket.collaboratorIds.flatMap((id) => world.knownUser(id) ?? []),
  };
  world.decide(world.tickets, ticket.ticketId, command, CreateTicket);
};

/**
 * R5.1, R2.3: mail from an address: its holder is the requester; an unknown address becomes a new
 * end user first (claimed, in the "Unassigned" organization, R6.4), then the ticket is created.
 */
export const receiveEmail = (
  world: World,
  ticketId: Uuid,
  address: string,
  newUserId: Uuid,
): void => {
  const holder = world.holderOfEmail(address);
  const system: CommandActor = { type: 'system' };
  const requesterId =
    holder ??
    (createUser(world, {
      type: 'CreateUser',
      userId: newUserId,
      accountId,
      actor: system,
      role: 'end-user',
      profile: { name: address },
      verified: false,
      source: 'email',
      identities: [{ identityId: world.newId(), type: 'email', value: address, verified: false }],
      memberships: [
        { membershipId: world.newId(), organizationId: unassignedId, primaryContact: false },
      ],
      account: world.knownAccount(),
    })
      ? newUserId
      : null);
  if (requesterId === null) return;
  const ticket: NewTicket = {
    ticketId,
    requesterId,
    channel: 'email',
    organizationId: null,
    status: 'new',
    collaboratorIds: [],
  };
  createTicket(world, ticket, system);
};

export const changeRequester = (
  world: World,
  ticketId: Uuid,
  requesterId: Uuid,
  actor: CommandActor,
): void => {
  const newRequester = world.knownUser(requesterId);
  if (newRequester === undefined) return;
  const command: ChangeRequester = { type: 'ChangeRequester', ticketId, actor, newRequester };
  world.decide(world.tickets, ticketId, command, ChangeRequester);
};

/** R1.2: a new person (name and email) is created first, then becomes the requester. */
export const changeRequesterToNewPerson = (
  world: World,
  ticketId: Uuid,
  userId: Uuid,
  address: string,
  actor: CommandActor,
): void => {
  if (world.ticket(ticketId) === undefined) return;
  const created = createUser(world, {
    type: 'CreateUser',
    userId,
    accountId,
    actor,
    role: 'end-user',
    profile: { name: address },
    verified: false,
    source: 'ticket',
    identities: [{ identityId: world.newId(), type: 'email', value: address, verified: false }],
    memberships: [],
    account: world.knownAccount(),
  });
  if (created) changeRequester(world, ticketId, userId, actor);
};

export const changeTicketOrganization = (
  world: World,
  ticketId: Uuid,
  organizationId: Uuid | null,
  actor: CommandActor,
): void => {
  const ticket = world.ticket(ticketId);
  if (ticket === undefined) return;
  const command: ChangeTicketOrganization = {
    type: 'ChangeTicketOrganization',
    ticketId,
    actor,
    organizationId,
    requester: world.knownUser(ticket.requesterId)!,
  };
  world.decide(world.tickets, ticketId, command, ChangeTicketOrganization);
};

export const addCollaborator = (
  world: World,
  ticketId: Uuid,
  userId: Uuid,
  actor: CommandActor,
): void => {
  const collaborator = world.knownUser(userId);
  if (collaborator === undefined) return;
  const command: AddCollaborator = { type: 'AddCollaborator', ticketId, actor, collaborator };
  world.decide(world.tickets, ticketId, command, AddCollaborator);
};

export const changeStatus = (
  world: World,
  ticketId: Uuid,
  status: TicketStatus,
  actor: CommandActor,
): void => {
  const command: ChangeTicketStatus = { type: 'ChangeTicketStatus', ticketId, actor, status };
  world.decide(world.tickets, ticketId, command, ChangeTicketStatus);
};

export const archiveTicket = (world: World, ticketId: Uuid, actor: CommandActor): void => {
  const command: ArchiveTicket = { type: 'ArchiveTicket', ticketId, actor };
  world.decide(world.tickets, ticketId, command, ArchiveTicket);
};
