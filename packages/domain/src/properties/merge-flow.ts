import * as E from 'fp-ts/Either';
import type { Uuid } from '@helpdesk/events';
import { allowsMultipleOrganizations, type CommandActor } from '../shared/facts';
import { TransferClaim } from '../claim';
import { MoveToMergeTarget } from '../ticket';
import {
  AbsorbMergedUser,
  CompleteMerge,
  MergeInto,
  toMergedSource,
  toMergeTarget,
  type ExistingUser,
} from '../user';
import { emailsHeldBy } from './email-flow';
import { accountId } from './pools';
import { replayAll, type Issued, type World } from './world';

/** A user merge (R3) and the process manager that carries it out after `UserMerged`. */

const requestedTicketCount = (world: World, userId: Uuid): number =>
  world.existingTickets().filter((t) => t.requesterId === userId).length;

/**
 * R3.8: a merge does not change a ticket's organization. With multiple organizations the target
 * received every organization of the source, so a ticket that was in one of its requester's
 * organizations still is; without them it may not be (see the R2.2 property).
 */
const checkOrganizationKept = (
  world: World,
  ticketId: Uuid,
  before: Uuid | null,
  sourceOrganizations: ReadonlyArray<Uuid>,
  targetId: Uuid,
  multipleOrganizations: boolean,
): void => {
  const ticket = world.ticket(ticketId)!;
  if (ticket.organizationId !== before)
    world.report(
      'R3.8',
      `the merge moved ticket ${ticketId} from ${before} to ${ticket.organizationId}`,
    );
  const targetNow = world.user(targetId)!;
  const wasConsistent = before === null || sourceOrganizations.includes(before);
  const isConsistent =
    before === null || targetNow.memberships.some((m) => m.organizationId === before);
  if (multipleOrganizations && !ticket.archived && wasConsistent && !isConsistent)
    world.report('R3.8', `with multiple organizations, ticket ${ticketId} left ${before} behind`);
};

/**
 * Where the source's tickets go: its target, or, when the target was itself merged before this
 * merge was carried out, the user that one was merged into, and so on.
 */
const finalTarget = (world: World, source: ExistingUser): ExistingUser => {
  let target = world.user(source.mergedIntoId!)!;
  while (target.status === 'merged' && target.mergedIntoId !== null)
    target = world.user(target.mergedIntoId)!;
  return target;
};

/**
 * After `UserMerged`: claims, then the target absorbs the source, then every ticket moves. Every
 * fact is looked up when the process manager runs, which may be long after the merge.
 */
const carryOutMerge = (world: World, sourceId: Uuid): void => {
  const source = world.user(sourceId)!;
  const target = finalTarget(world, source);
  const issued: Issued[] = [];
  const transfer: TransferClaim = {
    type: 'TransferClaim',
    accountId,
    kind: 'email',
    fromHolderId: source.id,
    toHolderId: target.id,
  };
  for (const address of emailsHeldBy(world, source.id))
    issued.push(world.issue(world.claims, world.emailClaimKey(address), transfer, TransferClaim));
  const account = world.knownAccount();
  const absorb: AbsorbMergedUser = {
    type: 'AbsorbMergedUser',
    userId: target.id,
    source: toMergedSource(source, world.newId),
    account,
  };
  issued.push(world.issue(world.users, target.id, absorb, AbsorbMergedUser));
  const multipleOrganizations = allowsMultipleOrganizations(account);
  const sourceOrganizations = source.memberships.map((m) => m.organizationId);
  let ticketsRewritten = 0;
  let ccsReplaced = 0;
  for (const ticket of world.existingTickets()) {
    const requested = ticket.requesterId === source.id;
    const copied = !ticket.archived && ticket.collaboratorIds.includes(source.id);
    if (!requested && !copied) continue;
    const move: MoveToMergeTarget = {
      type: 'MoveToMergeTarget',
      ticketId: ticket.id,
      actor: { type: 'system' },
      sourceId: source.id,
      target: world.knownUser(target.id)!,
    };
    issued.push(world.issue(world.tickets, ticket.id, move, MoveToMergeTarget));
    checkOrganizationKept(
      world,
      ticket.id,
      ticket.organizationId,
      sourceOrganizations,
      target.id,
      multipleOrganizations,
    );
    ticketsRewritten += requested ? 1 : 0;
    ccsReplaced += copied ? 1 : 0;
  }
  const complete: CompleteMerge = {
    type: 'CompleteMerge',
    userId: source.id,
    ticketsRewritten,
    ccsReplaced,
  };
  issued.push(world.issue(world.users, source.id, complete, CompleteMerge));
  replayAll(issued);
};

export const mergeUsers = (
  world: World,
  sourceId: Uuid,
  targetId: Uuid,
  actor: CommandActor,
): void => {
  const source = world.user(sourceId);
  const target = world.user(targetId);
  if (source === undefined || target === undefined) return;
  const command: MergeInto = {
    type: 'MergeInto',
    userId: sourceId,
    target: toMergeTarget(target, requestedTicketCount(world, targetId)),
    sourceRequestedTicketCount: requestedTicketCount(world, sourceId),
    account: world.knownAccount(),
    actor,
  };
  const decision = world.decide(world.users, sourceId, command, MergeInto);
  if (E.isRight(decision) && decision.right.length > 0)
    world.later(`carry out the merge of ${sourceId}`, () => carryOutMerge(world, sourceId));
};
