import * as E from 'fp-ts/Either';
import { ticketEvents, type TicketEvent, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import type { KnownMerge, MergeRegistry } from '../ports';
import type { ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';
import { carryOutUserMerge, type MergeDeps } from './carry-out';
import { moveLateTicket, participantsNamedBy } from './late-tickets';

export interface MergeProcessDeps extends MergeDeps {
  readonly registry: MergeRegistry;
}

const ticketTypes: ReadonlySet<string> = new Set(ticketEvents.map((d) => d.type));

const isTicketEvent = (e: ProcessEvent): e is ProcessEvent & { readonly event: TicketEvent } =>
  ticketTypes.has(e.event.type);

const knownMergeOf = (e: ProcessEvent): KnownMerge | undefined =>
  e.event.type === 'UserMerged'
    ? {
        mergeId: e.eventId,
        accountId: e.event.data.account_id,
        sourceId: e.event.data.user_id,
        targetId: e.event.data.target_id,
        correlationId: e.metadata.correlation_id,
        channel: e.metadata.via.channel,
        position: e.position,
      }
    : undefined;

/** Bounds the memory of users looked up: forgetting only costs another registry query. */
const maxRemembered = 50_000;

/**
 * R3: reacts to `UserMerged` by carrying the merge out (`carryOutUserMerge`), and to every ticket
 * event that names a user already merged by moving that ticket too, which closes the race of a
 * ticket created for the source while its merge was accepted. Events are handled in log order, so
 * a ticket event after `UserMerged` always finds the merge registered, and one before it is in the
 * tickets read model when the merge lists its tickets.
 */
export const mergeProcessManager = (deps: MergeProcessDeps): ProcessManager => {
  // the registry is written here only, so what it said of a user stays true until `record`
  const remembered = new Map<Uuid, KnownMerge | null>();

  const mergesOf = async (
    userIds: ReadonlyArray<Uuid>,
  ): Promise<E.Either<AppError, ReadonlyMap<Uuid, KnownMerge | null>>> => {
    const unknown = [...new Set(userIds)].filter((id) => !remembered.has(id));
    if (unknown.length > 0) {
      if (remembered.size + unknown.length > maxRemembered) remembered.clear();
      const found = await deps.registry.ofSources(unknown)();
      if (E.isLeft(found)) return found;
      for (const id of unknown) remembered.set(id, null);
      for (const merge of found.right) remembered.set(merge.sourceId, merge);
    }
    return E.right(new Map(userIds.map((id) => [id, remembered.get(id) ?? null])));
  };

  const moveLateTickets = async (
    events: ReadonlyArray<ProcessEvent & { readonly event: TicketEvent }>,
  ): Promise<E.Either<AppError, void>> => {
    const named = events.flatMap((e) =>
      participantsNamedBy(e.event).map((userId) => ({ ticketId: e.event.data.ticket_id, userId })),
    );
    if (named.length === 0) return E.right(undefined);
    const merges = await mergesOf(named.map((n) => n.userId));
    if (E.isLeft(merges)) return merges;
    const done = new Set<string>();
    for (const { ticketId, userId } of named) {
      const merge = merges.right.get(userId);
      const key = `${ticketId}/${userId}`;
      if (merge === null || merge === undefined || done.has(key)) continue;
      done.add(key);
      const moved = await moveLateTicket(deps, { ticketId, merge })();
      if (E.isLeft(moved)) return moved;
    }
    return E.right(undefined);
  };

  const carryOut = async (merge: KnownMerge): Promise<E.Either<AppError, void>> => {
    const recorded = await deps.registry.record(merge)();
    if (E.isLeft(recorded)) return recorded;
    remembered.set(merge.sourceId, merge);
    const started = Date.now();
    const result = await carryOutUserMerge(deps, merge)();
    if (E.isLeft(result)) {
      if (result.left.kind !== 'DomainRefusal') return result;
      deps.logger.error('a merge cannot be carried out', {
        ...logged(merge),
        error: result.left.error,
      });
      return E.right(undefined);
    }
    if (result.right.kind === 'completed')
      deps.logger.info('merge completed', {
        ...logged(merge),
        finalTargetId: result.right.targetId,
        ticketsRewritten: result.right.ticketsRewritten,
        ccsReplaced: result.right.ccsReplaced,
        rewrittenThisRun: result.right.thisRun.rewritten,
        decidedAgain: result.right.thisRun.decidedAgain,
        ms: Date.now() - started,
      });
    return E.right(undefined);
  };

  return {
    name: 'user_merges',
    filter: { streamPrefixes: ['user-', 'ticket-'] },
    handle: (events) => async () => {
      let pending: Array<ProcessEvent & { readonly event: TicketEvent }> = [];
      for (const e of events) {
        const merge = knownMergeOf(e);
        if (merge === undefined) {
          if (isTicketEvent(e)) pending.push(e);
          continue;
        }
        // the ticket events before it must be seen as they were: their users were not merged yet
        const late = await moveLateTickets(pending);
        if (E.isLeft(late)) return late;
        pending = [];
        const carried = await carryOut(merge);
        if (E.isLeft(carried)) return carried;
      }
      return moveLateTickets(pending);
    },
  };
};

const logged = (merge: KnownMerge) => ({
  mergeId: merge.mergeId,
  sourceId: merge.sourceId,
  targetId: merge.targetId,
  correlationId: merge.correlationId,
});
