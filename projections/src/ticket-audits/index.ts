export { ticketAuditsProjection } from './projection';
export type { AuditEvent, AuditValue } from './audit-events';
export * from './queries';
export * from './merge-tally';
