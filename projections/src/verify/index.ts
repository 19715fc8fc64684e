export type { ColumnValue, TicketDifference } from './columns';
export {
  verifyTickets,
  type VerifyError,
  type VerifyOptions,
  type VerifyProgress,
  type VerifyReport,
} from './verify-tickets';
