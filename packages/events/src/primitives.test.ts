import * as E from 'fp-ts/Either';
import { EmailAddress, isUndeliverableAddress, normalizeEmail, streams } from './index';

describe('R5.3 email addresses', () => {
  it.each(['ann@example.com', 'Ann.Lee+support@mail.example.co.uk', 'no-mail@customer.invalid'])(
    'accepts %s',
    (address) => expect(E.isRight(EmailAddress.decode(address))).toBe(true),
  );
  it.each([
    '',
    'ann',
    'ann@',
    '@example.com',
    'ann@example',
    'ann..lee@example.com',
    'ann @example.com',
  ])('refuses %j', (address) => expect(E.isLeft(EmailAddress.decode(address))).toBe(true));
  it('recognises the reserved .invalid top-level domain', () => {
    expect(isUndeliverableAddress('x@customer.INVALID')).toBe(true);
    expect(isUndeliverableAddress('x@invalid.com')).toBe(false);
  });
});

describe('R5.2 claim streams compare addresses case-insensitively', () => {
  const account = '00000000-0000-4000-8000-000000000001';
  it('gives one stream to one address however it is written', () => {
    expect(streams.claim('email', account, ' Ann@Example.com')).toBe(
      streams.claim('email', account, 'ann@example.com'),
    );
    expect(normalizeEmail(' Ann@Example.COM ')).toBe('ann@example.com');
  });
  it('keeps the address out of the stream name and apart per account', () => {
    const name = streams.claim('email', account, 'ann@example.com');
    expect(name).not.toContain('ann');
    expect(name.startsWith(`claim-email-${account}-`)).toBe(true);
    expect(
      streams.claim('email', '00000000-0000-4000-8000-000000000002', 'ann@example.com'),
    ).not.toBe(name);
  });
});
