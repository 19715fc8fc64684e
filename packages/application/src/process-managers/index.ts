export * from './ports';
export {
  causeOf,
  systemContext,
  toProcessEvent,
  type ProcessCause,
  type ProcessEvent,
} from './process-event';
export * from './process-manager';
export { rewriteTickets, type RewriteReport, type TicketRewrite } from './ticket-rewrites';
export { eachTicket, rewriteEveryPage, type RewriteDeps } from './rewrite-pages';
export { readModelCaughtUp } from './caught-up';
export { finalTargetOf } from './merge/final-target';
export {
  carryOutUserMerge,
  mergeContext,
  type MergeDeps,
  type MergeResult,
} from './merge/carry-out';
export { moveLateTicket, participantsNamedBy } from './merge/late-tickets';
export { mergeProcessManager, type MergeProcessDeps } from './merge/merge-process-manager';
export {
  moveAfterMembershipRemoved,
  moveAfterOrganizationRemoved,
  type OrganizationMoveDeps,
} from './organization/organization-moves';
export { organizationProcessManager } from './organization/organization-process-manager';
export * from './testing';
export * from './welcome';
export * from './reply-mail';
export * from './automation';
