import type { ConditionField } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import type { Condition, Conditions } from '../trigger/conditions';
import type { TicketProperties } from './ticket-change';

const valueOf = (field: ConditionField, ticket: TicketProperties): string | null => {
  switch (field) {
    case 'subject':
      return ticket.subject;
    case 'status':
      return ticket.status;
    case 'organization_id':
      return ticket.organizationId;
    case 'requester_id':
      return ticket.requesterId;
    case 'channel':
      return ticket.channel;
    default:
      return assertNever(field);
  }
};

/**
 * Settled here: text is compared without case or surrounding spaces (`[Portal credentials]`
 * matches `[portal credentials] `); ids, statuses and channels are compared whole, ids without case.
 */
const comparable = (value: string | null): string | null =>
  value === null ? null : value.trim().toLowerCase();

/** R6.5: whether one condition holds for the ticket. */
export const holds = (condition: Condition, ticket: TicketProperties): boolean => {
  const actual = comparable(valueOf(condition.field, ticket));
  const expected = comparable(condition.value);
  switch (condition.operator) {
    case 'is':
      return actual === expected;
    case 'is_not':
      return actual !== expected;
    case 'contains':
      return actual !== null && expected !== null && actual.includes(expected);
    default:
      return assertNever(condition.operator);
  }
};

/** R6.5: every `all` condition holds and, when `any` lists some, at least one of them does. */
export const matches = (conditions: Conditions, ticket: TicketProperties): boolean =>
  conditions.all.every((c) => holds(c, ticket)) &&
  (conditions.any.length === 0 || conditions.any.some((c) => holds(c, ticket)));
