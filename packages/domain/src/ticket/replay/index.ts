export { asOfHead, type AsOf } from './as-of';
export type { TicketHistoryEntry } from './history';
export {
  notReplayedYet,
  replayAll,
  replayStep,
  replayTicket,
  type ReplayedExisting,
  type ReplayedTicket,
  type RevisionPastHead,
  type TicketReplay,
} from './replay';
