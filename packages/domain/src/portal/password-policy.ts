import * as E from 'fp-ts/Either';
import type { DomainError } from '../shared/domain-error';

/**
 * R6.8, settled here: what a portal password must be. Long enough not to be guessed in the few
 * tries the sign-in allows, short enough that hashing it stays cheap (scrypt reads all of it).
 * Lengths count characters (code points), not bytes.
 */
export const passwordPolicy = { minLength: 8, maxLength: 256 } as const;

export const checkPortalPassword = (password: string): E.Either<DomainError, string> => {
  const length = [...password].length;
  if (length < passwordPolicy.minLength)
    return E.left({
      kind: 'RuleViolation',
      rule: 'R6.8',
      message: `a portal password has at least ${passwordPolicy.minLength} characters`,
    });
  if (length > passwordPolicy.maxLength)
    return E.left({
      kind: 'RuleViolation',
      rule: 'R6.8',
      message: `a portal password has at most ${passwordPolicy.maxLength} characters`,
    });
  if (password.trim() === '')
    return E.left({
      kind: 'RuleViolation',
      rule: 'R6.8',
      message: 'a portal password is not only spaces',
    });
  return E.right(password);
};
