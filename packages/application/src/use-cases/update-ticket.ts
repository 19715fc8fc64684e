import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  ticketDecider,
  type KnownUser,
  type Ticket,
  type TicketCommand,
  type User,
} from '@helpdesk/domain';
import { streams, type TicketStatus, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import {
  handleCommand,
  type CommandDeps,
  type CommandResult,
  type HandleOptions,
} from '../command/handle-command';
import { loadStream } from '../command/load-stream';
import { contextOf, type Caller } from './caller';
import { knownUserOf } from './lookups';
import { mayReachTicket, refusalOf, ticketsOfCaller } from './ticket-commands';
import {
  createPending,
  holderOfEmail,
  resolvePeople,
  type PersonRef,
  type ResolvedPerson,
} from './ticket-people';

export interface CcChange {
  readonly person: PersonRef;
  /** `put` copies the person on the ticket, `delete` stops copying them */
  readonly action: 'put' | 'delete';
}

/** What `PUT /api/v2/tickets/{id}` may change, each part optional. */
export interface TicketChanges {
  readonly subject?: string;
  /** R1: another requester, an existing user or a new person (created first, R1.2) */
  readonly requester?: PersonRef;
  /** R2.6: another of the requester's organizations */
  readonly organizationId?: Uuid | null;
  readonly status?: TicketStatus;
  readonly comment?: { readonly body: string; readonly public: boolean };
  readonly ccs?: ReadonlyArray<CcChange>;
}

export interface UpdatedTicket {
  readonly ticket: CommandResult<Ticket>;
  readonly createdUsers: ReadonlyArray<CommandResult<User>>;
}

interface Facts {
  readonly requester?: ResolvedPerson;
  readonly added: ReadonlyArray<ResolvedPerson>;
  readonly removed: ReadonlyArray<Uuid>;
  /** the requester the organization is checked against (R2.6), when the organization changes */
  readonly organizationRequester?: KnownUser;
}

/**
 * The commands of a change, in the order a person would make them: the requester before the
 * organization that depends on it (R1.6, R2.6), the conversation before the status, so that a
 * comment can go with closing the ticket (R1.5 then forbids any later edit).
 */
const commandsOf = (
  caller: Caller,
  ticketId: Uuid,
  changes: TicketChanges,
  facts: Facts,
  commentId: Uuid,
): ReadonlyArray<TicketCommand> => {
  const actor = caller.actor;
  const commands: TicketCommand[] = [];
  if (changes.subject !== undefined)
    commands.push({ type: 'ChangeTicketSubject', ticketId, actor, subject: changes.subject });
  if (facts.requester !== undefined)
    commands.push({
      type: 'ChangeRequester',
      ticketId,
      actor,
      newRequester: facts.requester.known,
    });
  if (changes.organizationId !== undefined && facts.organizationRequester !== undefined)
    commands.push({
      type: 'ChangeTicketOrganization',
      ticketId,
      actor,
      organizationId: changes.organizationId,
      requester: facts.organizationRequester,
    });
  for (const collaboratorId of facts.removed)
    commands.push({ type: 'RemoveCollaborator', ticketId, actor, collaboratorId });
  for (const collaborator of facts.added)
    commands.push({ type: 'AddCollaborator', ticketId, actor, collaborator: collaborator.known });
  if (changes.comment !== undefined && actor.type === 'user')
    commands.push({
      type: 'AddComment',
      ticketId,
      actor,
      commentId,
      authorId: actor.id,
      ...changes.comment,
    });
  if (changes.status !== undefined)
    commands.push({ type: 'ChangeTicketStatus', ticketId, actor, status: changes.status });
  return commands;
};

/** The ids of the people a `delete` names; an address nobody holds names nobody. */
const removedIds = async (
  deps: CommandDeps,
  caller: Caller,
  ccs: ReadonlyArray<CcChange>,
): Promise<E.Either<AppError, ReadonlyArray<Uuid>>> => {
  const ids: Uuid[] = [];
  for (const { action, person } of ccs) {
    if (action !== 'delete') continue;
    if (person.kind === 'user') ids.push(person.userId);
    else {
      const holder = await holderOfEmail(deps, caller.accountId, person.email)();
      if (E.isLeft(holder)) return holder;
      if (holder.right !== null) ids.push(holder.right);
    }
  }
  return E.right(ids);
};

const loadTicketState = (deps: CommandDeps, ticketId: Uuid) =>
  pipe(
    loadStream(deps.eventStore, ticketDecider, streams.ticket(ticketId)),
    TE.map(({ state }) => state),
  );

/**
 * Changes a ticket in one append: every part is decided in turn and the events are recorded
 * together, or nothing is when any part is refused. A new person given as requester or CC is
 * created first (R1.2), once the change has been decided with what they will be.
 */
export const updateTicket = (
  deps: CommandDeps,
  caller: Caller,
  ticketId: Uuid,
  changes: TicketChanges,
  options: HandleOptions = {},
): TE.TaskEither<AppError, UpdatedTicket> => {
  const decider = ticketsOfCaller(caller.accountId, caller.actor);
  const commentId = deps.ids.next();
  const puts = (changes.ccs ?? []).filter((cc) => cc.action === 'put').map((cc) => cc.person);
  const refs = [...(changes.requester === undefined ? [] : [changes.requester]), ...puts].map(
    (ref, i) => ({ ref, source: i === 0 && changes.requester ? 'ticket' : 'cc' }) as const,
  );
  const organizationAlone = changes.organizationId !== undefined && changes.requester === undefined;

  const factsOf = (
    people: ReadonlyArray<ResolvedPerson>,
    removed: ReadonlyArray<Uuid>,
    ticket: Ticket,
  ) => {
    const [first, ...rest] = people;
    const requester = changes.requester === undefined ? undefined : first;
    const added = changes.requester === undefined ? people : rest;
    return { requester, added, removed, ticket };
  };

  /** The requester the organization is checked against (R2.6), when the organization changes. */
  const organizationRequesterOf = async (
    ticket: Ticket,
    people: ReadonlyArray<ResolvedPerson>,
  ): Promise<E.Either<AppError, KnownUser | undefined>> => {
    if (changes.organizationId === undefined) return E.right(undefined);
    if (changes.requester !== undefined) return E.right(people[0]?.known);
    if (!ticket.exists || !mayReachTicket(caller.accountId, caller.actor, ticket))
      return E.left(
        domainRefusal({ kind: 'NotFound', entity: 'ticket', message: 'ticket not found' }),
      );
    return knownUserOf(deps.eventStore, caller.accountId, ticket.requesterId)();
  };

  // Written as one async function rather than chained TaskEither combinators: every ticket change
  // runs it, and each combinator step costs a few promise hops (docs/performance.md).
  return async () => {
    const people = await resolvePeople(deps, caller, refs)();
    if (E.isLeft(people)) return people;
    const removed = await removedIds(deps, caller, changes.ccs ?? []);
    if (E.isLeft(removed)) return removed;
    const creates = people.right.some((p) => p.toCreate !== undefined);
    // the ticket is read first only when the change needs it: its requester's facts (R2.6), or a
    // decision made before users are created
    let ticket: Ticket = { exists: false };
    if (creates || organizationAlone) {
      const loaded = await loadTicketState(deps, ticketId)();
      if (E.isLeft(loaded)) return loaded;
      ticket = loaded.right;
    }
    const organizationRequester = await organizationRequesterOf(ticket, people.right);
    if (E.isLeft(organizationRequester)) return organizationRequester;
    const facts = factsOf(people.right, removed.right, ticket);
    const commands = commandsOf(
      caller,
      ticketId,
      changes,
      {
        ...facts,
        ...(organizationRequester.right
          ? { organizationRequester: organizationRequester.right }
          : {}),
      },
      commentId,
    );
    if (creates) {
      const refusal = refusalOf(decider, commands, ticket);
      if (refusal !== undefined) return E.left(domainRefusal(refusal));
    }
    const createdUsers = await createPending(deps, caller, people.right)();
    if (E.isLeft(createdUsers)) return createdUsers;
    const updated = await handleCommand(
      deps,
      decider,
      streams.ticket(ticketId),
      commands,
      contextOf(caller),
      options,
    )();
    return E.isLeft(updated)
      ? updated
      : E.right({ ticket: updated.right, createdUsers: createdUsers.right });
  };
};
