import * as t from 'io-ts';
import {
  Channel,
  ConditionField,
  ConditionOperator,
  TicketStatus,
  Uuid,
  nullable,
  type TriggerConditions as ConditionsData,
} from '@helpdesk/events';
import { assertNever } from '../shared/decider';

/** One test of a ticket property (R6.5); `value` null means "none" (no organization). */
export const Condition = t.strict(
  { field: ConditionField, operator: ConditionOperator, value: nullable(t.string) },
  'Condition',
);
export type Condition = t.TypeOf<typeof Condition>;

/** Every `all` condition holds and, when `any` lists some, at least one of them. */
export const Conditions = t.strict(
  { all: t.array(Condition), any: t.array(Condition) },
  'Conditions',
);
export type Conditions = t.TypeOf<typeof Conditions>;

/** Conditions read the same in events and commands: their words are the contract's. */
export const toConditionsData = (conditions: Conditions): ConditionsData => ({
  all: conditions.all.map((c) => ({ ...c })),
  any: conditions.any.map((c) => ({ ...c })),
});
export const fromConditionsData = (data: ConditionsData): Conditions => toConditionsData(data);

/** Settled here: `contains` only makes sense for text; ids, statuses and channels are compared whole. */
export const operatorsFor = (field: ConditionField): ReadonlyArray<ConditionOperator> =>
  field === 'subject' ? ['is', 'is_not', 'contains'] : ['is', 'is_not'];

/** Why a condition's value cannot be compared with its field, if it cannot. */
const valueProblem = ({ field, value }: Condition): string | undefined => {
  switch (field) {
    case 'subject':
      return value !== null && value.trim() !== '' ? undefined : 'a subject condition needs a text';
    case 'status':
      return TicketStatus.is(value) ? undefined : `${String(value)} is not a ticket status`;
    case 'channel':
      return Channel.is(value) ? undefined : `${String(value)} is not a channel`;
    case 'organization_id':
      return value === null || Uuid.is(value)
        ? undefined
        : 'an organization condition needs an organization id, or null for none';
    case 'requester_id':
      return Uuid.is(value) ? undefined : 'a requester condition needs a user id';
    default:
      return assertNever(field);
  }
};

/** R6.5: a condition names a known field, an operator that field takes, and a fitting value. */
export const conditionProblem = (condition: Condition): string | undefined =>
  operatorsFor(condition.field).includes(condition.operator)
    ? valueProblem(condition)
    : `${condition.field} cannot be tested with ${condition.operator}`;

export const allConditionsOf = (conditions: Conditions): ReadonlyArray<Condition> => [
  ...conditions.all,
  ...conditions.any,
];
