export { AsOfInput, type PointInHistory } from './as-of-input';
export { decodeTicketEntry, readTicketHistory } from './read-ticket-history';
export { replayLog, type LogReplay } from './replay-log';
export {
  historyEntryJson,
  replayedTicketJson,
  ticketReplayJson,
  type ReplayReader,
} from './replay-json';
// the pure replay, for its readers beyond the application (the read models' verification)
export { asOfHead, replayTicket } from '@helpdesk/domain';
export type {
  AsOf,
  ReplayedExisting,
  ReplayedTicket,
  TicketHistoryEntry,
  TicketReplay,
} from '@helpdesk/domain';
