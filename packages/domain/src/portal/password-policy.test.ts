import * as E from 'fp-ts/Either';
import { checkPortalPassword, passwordPolicy } from './password-policy';

const ruleOf = (password: string) => {
  const checked = checkPortalPassword(password);
  return E.isLeft(checked) && checked.left.kind === 'RuleViolation' ? checked.left.rule : 'ok';
};

describe('R6.8 a portal password', () => {
  it('has at least 8 characters, counted as characters rather than bytes', () => {
    expect(ruleOf('1234567')).toBe('R6.8');
    expect(ruleOf('12345678')).toBe('ok');
    expect(ruleOf('ééééééé')).toBe('R6.8'); // 7 characters, 14 bytes
    expect(ruleOf('😀😀😀😀😀😀😀😀')).toBe('ok');
  });

  it('has at most 256 characters', () => {
    expect(ruleOf('x'.repeat(passwordPolicy.maxLength))).toBe('ok');
    expect(ruleOf('x'.repeat(passwordPolicy.maxLength + 1))).toBe('R6.8');
  });

  it('is not only spaces', () => expect(ruleOf(' '.repeat(12))).toBe('R6.8'));
});
