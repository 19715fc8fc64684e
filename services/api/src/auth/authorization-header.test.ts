import { presentedCredentials } from './authorization-header';
import { isOperatorToken } from './operator';

const basic = (userAndPassword: string) =>
  `Basic ${Buffer.from(userAndPassword).toString('base64')}`;

describe('Authorization header', () => {
  it('reads a bearer token, in any case of the scheme', () => {
    expect(presentedCredentials('Bearer hd_abc')).toEqual({ kind: 'bearer', token: 'hd_abc' });
    expect(presentedCredentials('bearer hd_abc')).toEqual({ kind: 'bearer', token: 'hd_abc' });
  });

  it('reads Basic "{email}/token:{token}" as node-zendesk sends it', () => {
    expect(presentedCredentials(basic('ann@acme.com/token:hd_abc'))).toEqual({
      kind: 'email_token',
      email: 'ann@acme.com',
      token: 'hd_abc',
    });
  });

  it('takes a Basic password, a missing colon, another scheme or garbage for invalid', () => {
    for (const header of [
      basic('ann@acme.com:secret'),
      basic('no-colon'),
      'Digest abc',
      'Bearer',
      'Basic %%%',
      `Bearer ${'x'.repeat(600)}`,
    ])
      expect(presentedCredentials(header)).toEqual({ kind: 'invalid' });
    expect(presentedCredentials(undefined)).toEqual({ kind: 'none' });
  });

  it('compares the operator token exactly, whatever the lengths', () => {
    expect(isOperatorToken('s3cret', 's3cret')).toBe(true);
    expect(isOperatorToken('s3cret', 's3cret ')).toBe(false);
    expect(isOperatorToken('s3cret', '')).toBe(false);
  });
});
