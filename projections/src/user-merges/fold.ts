import type { ProjectedEvent } from '../runtime/projection';

export interface MergeStarted {
  readonly id: string;
  readonly accountId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly correlationId: string;
  readonly requestedBy: string | null;
  readonly startedAt: string;
}

/** What the batch tells of a merge already started, keyed by its source (merged once, R3.5). */
export interface MergeProgress {
  readonly sourceId: string;
  /** tickets whose requester changed with reason `merge` (R3.6) */
  readonly ticketsMoved: number;
  readonly completed: { readonly ticketsRewritten: number; readonly ccsReplaced: number } | null;
  readonly at: string;
}

const progressOf = (
  bySource: Map<string, MergeProgress>,
  sourceId: string,
  at: string,
): MergeProgress => bySource.get(sourceId) ?? { sourceId, ticketsMoved: 0, completed: null, at };

/**
 * A merge starts with `UserMerged`, is under way once the target absorbed the source or a ticket
 * moved, advances by one with each `RequesterChanged` of reason `merge` (whose previous requester
 * is the source), and completes with `UserMergeCompleted`. Events are added as they come; the
 * batch is the merges started and what the events tell of the others.
 */
export const mergeFold = () => {
  const started: MergeStarted[] = [];
  const progress = new Map<string, MergeProgress>();
  const advance = (sourceId: string, at: string, change: Partial<MergeProgress>) => {
    const current = progressOf(progress, sourceId, at);
    progress.set(sourceId, { ...current, ...change, at });
  };
  const add = (events: ReadonlyArray<ProjectedEvent>): void => {
    for (const { event, metadata, eventId } of events) {
      const at = metadata.occurred_at;
      switch (event.type) {
        case 'UserMerged':
          started.push({
            id: eventId,
            accountId: event.data.account_id,
            sourceId: event.data.user_id,
            targetId: event.data.target_id,
            correlationId: metadata.correlation_id,
            requestedBy: metadata.actor.id,
            startedAt: at,
          });
          break;
        case 'MergedUserAbsorbed':
          advance(event.data.source_id, at, {});
          break;
        case 'RequesterChanged':
          if (event.data.reason === 'merge') {
            const sourceId = event.data.previous_requester_id;
            advance(sourceId, at, {
              ticketsMoved: progressOf(progress, sourceId, at).ticketsMoved + 1,
            });
          }
          break;
        case 'UserMergeCompleted':
          advance(event.data.user_id, at, {
            completed: {
              ticketsRewritten: event.data.tickets_rewritten,
              ccsReplaced: event.data.ccs_replaced,
            },
          });
          break;
        default:
          break;
      }
    }
  };
  return { add, batch: () => ({ started, progress: [...progress.values()] }) };
};
