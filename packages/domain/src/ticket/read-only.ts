import { refuse, type Decision } from '../shared/decision';
import type { ExistingTicket } from './state';

export const isClosed = (ticket: ExistingTicket): boolean =>
  ticket.status === 'closed' || ticket.archived;

/**
 * R1.5: nobody edits a closed or archived ticket. Only a merge (R3.6, R3.7) and the organization
 * moves of R2.8/R2.9 still rewrite one; their decisions do not call this.
 */
export const refusalWhenClosed = (
  ticket: ExistingTicket,
  what: string,
): Decision<never> | undefined =>
  isClosed(ticket)
    ? refuse('R1.5', `the ${what} of a closed or archived ticket cannot be changed`)
    : undefined;
