import { refuse, type Decision } from '../shared/decision';
import type { RuleId } from '../shared/domain-error';
import { unknownPlaceholdersIn } from './placeholders';

/** A snippet that would put a password in a mail: there is no such thing to fill (R6.8). */
const asksForAPassword = (name: string): boolean =>
  /password/i.test(name) && name !== 'portal.password_link';

/**
 * Why the texts of a template or macro cannot be saved, if they cannot: every placeholder must be
 * one that can be filled (`rule` names the rule the texts serve, R6.2 or R6.6), and none may ask
 * for a password, which is never sent in clear (R6.8).
 */
export const snippetsProblem = (
  rule: RuleId,
  ...texts: ReadonlyArray<string>
): Decision<never> | undefined => {
  const unknown = unknownPlaceholdersIn(...texts);
  if (unknown.some(asksForAPassword))
    return refuse(
      'R6.8',
      'a password is never sent in clear: use {{portal.password_link}}, a single-use link',
    );
  if (unknown.length > 0)
    return refuse(rule, `unknown placeholders: ${unknown.map((n) => `{{${n}}}`).join(', ')}`);
  return undefined;
};
