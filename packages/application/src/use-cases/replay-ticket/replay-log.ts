import * as E from 'fp-ts/Either';
import { notReplayedYet, replayStep, type ReplayedTicket } from '@helpdesk/domain';
import { categoryOf, idOf } from '@helpdesk/events';
import type { RecordedEvent } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import { decodeTicketEntry } from './read-ticket-history';

/**
 * Every ticket of the log replayed in one pass over it (`helpdesk verify`), each with the same fold
 * as a single ticket's replay: events come in global order, so each ticket's in stream order.
 */
export interface LogReplay {
  /** every ticket met so far, as replayed */
  readonly tickets: ReadonlyMap<string, ReplayedTicket>;
  /** tickets whose stream holds an event that does not decode: their replay stopped there */
  readonly corrupt: ReadonlyMap<string, AppError>;
  /** ticket events folded */
  readonly events: () => number;
  /** folds one event of the log; events of other streams are ignored */
  readonly take: (recorded: RecordedEvent) => void;
}

export const replayLog = (): LogReplay => {
  const tickets = new Map<string, ReplayedTicket>();
  const corrupt = new Map<string, AppError>();
  let events = 0;
  return {
    tickets,
    corrupt,
    events: () => events,
    take: (recorded) => {
      if (categoryOf(recorded.streamName) !== 'ticket') return;
      const id = idOf(recorded.streamName);
      if (corrupt.has(id)) return;
      const entry = decodeTicketEntry(recorded);
      if (E.isLeft(entry)) {
        corrupt.set(id, entry.left);
        return;
      }
      events += 1;
      tickets.set(id, replayStep(tickets.get(id) ?? notReplayedYet, entry.right));
    },
  };
};
