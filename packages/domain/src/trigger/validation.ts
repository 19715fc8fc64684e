import type { Uuid } from '@helpdesk/events';
import { templateIdsOf } from '../automation/actions';
import { refuse, type Decision } from '../shared/decision';
import { allConditionsOf, conditionProblem } from './conditions';
import type { TriggerDefinition } from './state';

/**
 * R6.5: what a trigger must be to be saved: conditions on known fields with fitting operators and
 * values, at least one condition and one action (settled here: a trigger without conditions
 * would act on every ticket), and mail only from templates that exist.
 */
export const definitionProblem = (
  definition: TriggerDefinition,
  existingTemplateIds: ReadonlyArray<Uuid>,
): Decision<never> | undefined => {
  const conditions = allConditionsOf(definition.conditions);
  if (conditions.length === 0) return refuse('R6.5', 'a trigger needs at least one condition');
  for (const [index, condition] of conditions.entries()) {
    const problem = conditionProblem(condition);
    if (problem) return refuse('R6.5', `condition ${index + 1}: ${problem}`);
  }
  if (definition.actions.length === 0) return refuse('R6.5', 'a trigger needs at least one action');
  const missing = templateIdsOf(definition.actions).filter(
    (id) => !existingTemplateIds.includes(id),
  );
  if (missing.length > 0) return refuse('R6.5', `no such email template: ${missing.join(', ')}`);
  return undefined;
};
