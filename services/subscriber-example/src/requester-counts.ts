import type { Uuid } from '@helpdesk/events';
import { loadTally, saveTally } from './checkpoint-file';
import type { EventHandler } from './followed-event';
import { RequesterTally, type RequesterChange } from './requester-tally';

export interface RequesterCountsOptions {
  /** where the tally and its position are saved, together */
  readonly checkpointFile: string;
  /** told of each requester change once, however often its event is delivered */
  readonly report?: (change: RequesterChange) => void;
  /** count only this account's tickets: EventStoreDB's `$all` holds every account's */
  readonly accountId?: Uuid;
  /** how often the tally is saved while events flow; 1 s when absent */
  readonly saveEveryMs?: number;
}

export interface RequesterCounts {
  /** what a source hands the events to */
  readonly handler: EventHandler;
  readonly ticketsPerRequester: () => ReadonlyMap<Uuid, number>;
  /** saves the tally now (before stopping) */
  readonly flush: () => Promise<void>;
}

/**
 * The example service: each requester's ticket count, saved with the position it has reached.
 * After a restart it goes on from that position; an event delivered again is not counted twice.
 */
export const startRequesterCounts = async (
  options: RequesterCountsOptions,
): Promise<RequesterCounts> => {
  const tally = new RequesterTally(await loadTally(options.checkpointFile));
  const saveEveryMs = options.saveEveryMs ?? 1000;
  let savedAt = Date.now();
  let unsaved = false;

  const flush = async () => {
    if (!unsaved) return;
    unsaved = false;
    savedAt = Date.now();
    await saveTally(options.checkpointFile, tally.snapshot());
  };
  const changed = async () => {
    unsaved = true;
    if (Date.now() - savedAt >= saveEveryMs) await flush();
  };

  return {
    handler: {
      position: () => tally.position,
      handle: async (followed) => {
        if (options.accountId !== undefined && followed.metadata.account_id !== options.accountId)
          tally.skipTo(followed.position);
        else {
          const change = tally.apply(followed);
          if (change !== undefined) options.report?.(change);
        }
        await changed();
      },
      skipTo: async (position) => {
        tally.skipTo(position);
        await changed();
      },
    },
    ticketsPerRequester: () => tally.ticketsPerRequester(),
    flush,
  };
};
