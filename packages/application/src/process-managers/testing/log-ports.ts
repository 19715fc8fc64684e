import * as E from 'fp-ts/Either';
import {
  evolveTicket,
  evolveUser,
  initialTicketState,
  initialUser,
  type ExistingTicket,
  type Ticket,
  type User,
} from '@helpdesk/domain';
import { decodeEvent, type TicketEvent, type UserEvent, type Uuid } from '@helpdesk/events';
import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../../command/app-error';
import type {
  KnownMerge,
  MergeRegistry,
  MergeTally,
  OrganizationMembers,
  ProcessCheckpoints,
  ProcessLogger,
  ReadModelProgress,
  SnapshotQuery,
  TicketSnapshot,
  TicketSnapshots,
} from '../ports';

/**
 * The process managers' ports answered from the log itself, folded on every call: always up to
 * date, fine for the few events of a test. `asOf` makes the tickets lag behind the log, as a read
 * model may.
 */

const readLog =
  (store: EventStore, prefix: string, upTo?: bigint) =>
  async (): Promise<E.Either<AppError, ReadonlyArray<RecordedEvent>>> => {
    const all: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll({
        after,
        maxCount: 1000,
        filter: { streamPrefixes: [prefix] },
      })();
      if (E.isLeft(page)) return E.left(fromStoreError(page.left));
      const kept = page.right.filter((e) => upTo === undefined || e.globalPosition <= upTo);
      all.push(...kept);
      if (page.right.length === 0 || kept.length < page.right.length) return E.right(all);
      after = page.right[page.right.length - 1]!.globalPosition;
    }
  };

interface FoldedTicket {
  readonly state: Ticket;
  readonly version: bigint;
  readonly createdPosition: bigint;
}

const foldTickets = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<TicketSnapshot> => {
  const tickets = new Map<string, FoldedTicket>();
  for (const recorded of events) {
    const decoded = decodeEvent(recorded);
    if (E.isLeft(decoded)) continue;
    const current = tickets.get(recorded.streamName);
    tickets.set(recorded.streamName, {
      state: evolveTicket(
        current?.state ?? initialTicketState(),
        decoded.right.event as TicketEvent,
      ),
      version: recorded.revision,
      createdPosition: current?.createdPosition ?? recorded.globalPosition,
    });
  }
  return [...tickets.values()]
    .filter((t): t is FoldedTicket & { state: ExistingTicket } => t.state.exists)
    .map((t) => ({ ticket: t.state, version: t.version, createdPosition: t.createdPosition }))
    .sort((a, b) => (a.createdPosition < b.createdPosition ? -1 : 1));
};

const matches = (query: SnapshotQuery, { ticket }: TicketSnapshot): boolean => {
  if (ticket.accountId !== query.accountId) return false;
  switch (query.kind) {
    case 'involving':
      return (
        ticket.requesterId === query.userId ||
        (!ticket.archived && ticket.collaboratorIds.includes(query.userId))
      );
    case 'requested_in':
      return (
        !ticket.archived &&
        ticket.requesterId === query.requesterId &&
        ticket.organizationId === query.organizationId
      );
    case 'in_organization':
      return !ticket.archived && ticket.organizationId === query.organizationId;
  }
};

export const logSnapshots = (
  store: EventStore,
  options: { readonly asOf?: () => bigint | undefined } = {},
): TicketSnapshots => ({
  page: (query, after, limit) => async () => {
    const events = await readLog(store, 'ticket-', options.asOf?.())();
    if (E.isLeft(events)) return events;
    const found = foldTickets(events.right).filter(
      (s) => matches(query, s) && (after === undefined || s.createdPosition > after),
    );
    const snapshots = found.slice(0, limit);
    return E.right({
      snapshots,
      next: found.length > limit ? snapshots[snapshots.length - 1]!.createdPosition : undefined,
    });
  },
});

export const alwaysCaughtUp: ReadModelProgress = { waitFor: () => async () => E.right(undefined) };

const usersOf = async (store: EventStore): Promise<E.Either<AppError, ReadonlyArray<User>>> => {
  const events = await readLog(store, 'user-')();
  if (E.isLeft(events)) return events;
  const users = new Map<string, User>();
  for (const recorded of events.right) {
    const decoded = decodeEvent(recorded);
    if (E.isRight(decoded))
      users.set(
        recorded.streamName,
        evolveUser(
          users.get(recorded.streamName) ?? initialUser(),
          decoded.right.event as UserEvent,
        ),
      );
  }
  return E.right([...users.values()]);
};

export const logMembers = (store: EventStore): OrganizationMembers => ({
  memberIds: (accountId, organizationId) => async () => {
    const users = await usersOf(store);
    if (E.isLeft(users)) return users;
    return E.right(
      users.right.flatMap((u) =>
        u.exists &&
        u.accountId === accountId &&
        u.memberships.some((m) => m.organizationId === organizationId)
          ? [u.id]
          : [],
      ),
    );
  },
});

/** Counts from the recorded ticket events, as the worker counts from the audits. */
export const logTally = (store: EventStore): MergeTally => ({
  count: (accountId, correlationId, sourceId) => async () => {
    const events = await readLog(store, 'ticket-')();
    if (E.isLeft(events)) return events;
    let ticketsRewritten = 0;
    let ccsReplaced = 0;
    for (const recorded of events.right) {
      const decoded = decodeEvent(recorded);
      if (E.isLeft(decoded)) continue;
      const { event, metadata } = decoded.right;
      if (metadata.account_id !== accountId || metadata.correlation_id !== correlationId) continue;
      if (event.type === 'RequesterChanged' && event.data.previous_requester_id === sourceId)
        ticketsRewritten += 1;
      if (event.type === 'CollaboratorReplaced' && event.data.previous_user_id === sourceId)
        ccsReplaced += 1;
      if (
        event.type === 'CollaboratorRemoved' &&
        event.data.user_id === sourceId &&
        metadata.via.rel === 'merge'
      )
        ccsReplaced += 1;
    }
    return E.right({ ticketsRewritten, ccsReplaced });
  },
});

export const memoryRegistry = (): MergeRegistry & { readonly merges: Map<Uuid, KnownMerge> } => {
  const merges = new Map<Uuid, KnownMerge>();
  return {
    merges,
    record: (merge) => async () => {
      merges.set(merge.sourceId, merge);
      return E.right(undefined);
    },
    ofSources: (userIds) => async () =>
      E.right(userIds.flatMap((id) => (merges.has(id) ? [merges.get(id)!] : []))),
  };
};

export const memoryCheckpoints = (): ProcessCheckpoints & {
  readonly positions: Map<string, bigint>;
} => {
  const positions = new Map<string, bigint>();
  return {
    positions,
    read: (name) => async () => E.right(positions.get(name)),
    write: (name, position) => async () => {
      positions.set(name, position);
      return E.right(undefined);
    },
  };
};

export interface LoggedEntry {
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export const quietLogger = (): ProcessLogger & {
  readonly infos: LoggedEntry[];
  readonly errors: LoggedEntry[];
} => {
  const infos: LoggedEntry[] = [];
  const errors: LoggedEntry[] = [];
  return {
    infos,
    errors,
    info: (message, details) => void infos.push({ message, ...(details && { details }) }),
    error: (message, details) => void errors.push({ message, ...(details && { details }) }),
  };
};
