import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  accountDecider,
  ticketDecider,
  type AccountSettingsChanges,
  type CreateTicket,
  type NewProfile,
  type TicketCommand,
} from '@helpdesk/domain';
import { streams, type Plan, type TicketStatus, type Uuid } from '@helpdesk/events';
import type { AppendRequest, EventStore } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import { encodeEvents } from '../../command/encode-events';
import { handleCommand, type CommandDeps } from '../../command/handle-command';
import type { IdGenerator } from '../../ports/id-generator';
import { systemClock, type Clock } from '../../ports/clock';
import { contextOf, type Caller } from '../../use-cases/caller';
import { createUser } from '../../use-cases/create-user';
import { knownUserOf } from '../../use-cases/lookups';
import { openAccount } from '../../use-cases/open-account';
import { createOrganization } from '../../use-cases/organizations';

/**
 * A help desk for the process managers' tests and benchmarks: an account with its owner, end users,
 * organizations and tickets, made through the use cases (or, for thousands of tickets, decided by
 * the ticket decider and appended with `appendMany`).
 */

export const succeed = async <A>(task: TE.TaskEither<AppError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`unexpected failure: ${JSON.stringify(result.left)}`);
  return result.right;
};

export interface EndUserOptions {
  readonly emails?: ReadonlyArray<string>;
  readonly xHandle?: string;
  readonly organizationIds?: ReadonlyArray<Uuid>;
  readonly verified?: boolean;
  readonly profile?: Omit<NewProfile, 'name'>;
}

export interface TicketOptions {
  readonly status?: TicketStatus;
  /** closes the ticket first when it is not */
  readonly archived?: boolean;
  readonly ccs?: ReadonlyArray<Uuid>;
  readonly organizationId?: Uuid | null;
}

export interface DeskOptions {
  readonly plan?: Plan;
  readonly ids: IdGenerator;
  readonly clock?: Clock;
}

export const openDeskOn = async (eventStore: EventStore, options: DeskOptions) => {
  const deps: CommandDeps = { eventStore, clock: options.clock ?? systemClock, ids: options.ids };
  const opened = await succeed(
    openAccount(
      deps,
      {
        name: 'Acme support',
        plan: options.plan ?? 'team',
        owner: { name: 'Olga', email: `olga@${options.ids.next()}.example` },
      },
      `req-${options.ids.next()}`,
    ),
  );
  let requests = 0;
  /** each call is another request, with a correlation id of its own */
  const owner = (): Caller => ({
    accountId: opened.accountId,
    actor: { type: 'user', id: opened.ownerId, role: 'admin' },
    correlationId: `req-${opened.accountId.slice(0, 8)}-${++requests}`,
    channel: 'api',
  });

  const endUser = async (name: string, options: EndUserOptions = {}): Promise<Uuid> => {
    const created = await succeed(
      createUser(deps, owner(), {
        profile: { name, ...options.profile },
        role: 'end-user',
        source: 'manual',
        emails: options.emails ?? [],
        ...(options.xHandle === undefined ? {} : { xHandle: options.xHandle }),
        organizationIds: options.organizationIds ?? [],
        verified: options.verified ?? false,
      }),
    );
    if (!created.state.exists) throw new Error('the user was not created');
    return created.state.id;
  };

  const organization = async (name: string): Promise<Uuid> => {
    const created = await succeed(createOrganization(deps, owner(), { name }));
    if (created.state === null) throw new Error('the organization was not created');
    return created.state.id;
  };

  const changeSettings = (settings: AccountSettingsChanges) =>
    succeed(
      handleCommand(
        deps,
        accountDecider,
        streams.account(opened.accountId),
        {
          type: 'ChangeSettings',
          accountId: opened.accountId,
          actor: { type: 'user', id: opened.ownerId, role: 'admin' },
          settings,
        },
        contextOf(owner()),
      ),
    );

  const creation = async (
    requesterId: Uuid,
    ticketId: Uuid,
    options: TicketOptions,
  ): Promise<CreateTicket> => {
    const requester = await succeed(knownUserOf(eventStore, opened.accountId, requesterId));
    const ccs = await Promise.all(
      (options.ccs ?? []).map((id) => succeed(knownUserOf(eventStore, opened.accountId, id))),
    );
    return {
      type: 'CreateTicket',
      ticketId,
      accountId: opened.accountId,
      actor: { type: 'user', id: opened.ownerId, role: 'admin' },
      subject: `Ticket ${ticketId.slice(-6)}`,
      requester,
      submitterId: opened.ownerId,
      channel: 'api',
      status: options.archived === true ? 'closed' : (options.status ?? 'open'),
      collaborators: ccs,
      ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
    };
  };

  const archiving = (ticketId: Uuid): TicketCommand => ({
    type: 'ArchiveTicket',
    ticketId,
    actor: { type: 'user', id: opened.ownerId, role: 'admin' },
  });

  /** One ticket through the command handler. */
  const ticket = async (requesterId: Uuid, options: TicketOptions = {}): Promise<Uuid> => {
    const ticketId = deps.ids.next();
    const context = contextOf(owner());
    const commands = [
      await creation(requesterId, ticketId, options),
      ...(options.archived === true ? [archiving(ticketId)] : []),
    ];
    for (const command of commands)
      await succeed(handleCommand(deps, ticketDecider, streams.ticket(ticketId), command, context));
    return ticketId;
  };

  /**
   * Many tickets at once: each decided by the ticket decider (archived ones closed and archived in
   * the same append), all appended with `appendMany`, a few thousand per call.
   */
  const manyTickets = async (
    count: number,
    optionsOf: (i: number) => TicketOptions & { readonly requesterId: Uuid },
  ): Promise<ReadonlyArray<Uuid>> => {
    const context = contextOf(owner());
    const firstOf = new Map<string, CreateTicket>();
    const ids: Uuid[] = [];
    let requests: AppendRequest[] = [];
    const flush = async () => {
      const results = await eventStore.appendMany(requests)();
      const failed = results.find(E.isLeft);
      if (failed !== undefined)
        throw new Error(`appendMany failed: ${JSON.stringify(failed.left)}`);
      requests = [];
    };
    for (let i = 0; i < count; i++) {
      const { requesterId, ...options } = optionsOf(i);
      const ticketId = deps.ids.next();
      const key = `${requesterId}|${(options.ccs ?? []).join(',')}|${options.organizationId}|${options.status}|${options.archived}`;
      // the users' facts are read once per kind of ticket, not once per ticket
      const template = firstOf.get(key) ?? (await creation(requesterId, ticketId, options));
      firstOf.set(key, template);
      const created = ticketDecider.decide({ ...template, ticketId }, ticketDecider.initialState());
      if (E.isLeft(created)) throw new Error(`ticket refused: ${created.left.message}`);
      let state = created.right.reduce(ticketDecider.evolve, ticketDecider.initialState());
      const decided = [...created.right];
      if (options.archived === true) {
        const archived = ticketDecider.decide(archiving(ticketId), state);
        if (E.isLeft(archived)) throw new Error(`archive refused: ${archived.left.message}`);
        state = archived.right.reduce(ticketDecider.evolve, state);
        decided.push(...archived.right);
      }
      const streamName = streams.ticket(ticketId);
      const events = encodeEvents(deps, streamName, context, decided);
      if (E.isLeft(events)) throw new Error(`bad events: ${JSON.stringify(events.left)}`);
      requests.push({ streamName, events: events.right, expectedRevision: 'no_stream' });
      ids.push(ticketId);
      if (requests.length === 2000) await flush();
    }
    if (requests.length > 0) await flush();
    return ids;
  };

  return {
    deps,
    opened,
    owner,
    endUser,
    organization,
    changeSettings,
    ticket,
    manyTickets,
  };
};

export type Desk = Awaited<ReturnType<typeof openDeskOn>>;
