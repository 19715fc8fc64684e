export { defaultOutboxSchema, installOutbox } from './schema';
export { pgOutbox, type PgOutboxOptions } from './enqueue';
export {
  listOutboundEmails,
  type OutboundEmailStatus,
  type OutboundEmailView,
} from './outbound-emails';
export {
  sqlOutboxDelivery,
  type ClaimedEmail,
  type ClaimRequest,
  type OutboxDelivery,
} from './delivery';
