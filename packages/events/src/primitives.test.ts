import * as E from 'fp-ts/Either';
import {
  EmailAddress,
  IsoDateTime,
  isUndeliverableAddress,
  normalizeEmail,
  streams,
} from './index';

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

describe('IsoDateTime: instants as toISOString writes them', () => {
  // the definition: the pattern, and a date that Date.parse reads
  const byDefinition = (s: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s));

  it('accepts every day of leap and common years, at any time of day', () => {
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100])
      for (let day = 0; day < 366; day += 1) {
        const at = Date.UTC(year, 0, 1) + day * 86_400_000 + ((day * 7_919_000) % 86_400_000);
        const text = new Date(at).toISOString();
        expect([text, IsoDateTime.is(text)]).toEqual([text, true]);
      }
  });

  it.each([
    '2023-02-29T00:00:00.000Z',
    '1900-02-29T12:00:00.000Z',
    '2024-02-30T12:00:00.000Z',
    '2023-04-31T12:00:00.000Z',
    '2023-13-01T12:00:00.000Z',
    '2023-00-10T12:00:00.000Z',
    '2023-01-00T12:00:00.000Z',
    '2023-01-32T12:00:00.000Z',
    '2023-01-01T24:00:00.000Z',
    '2023-01-01T23:60:00.000Z',
    '2023-01-01T23:59:60.000Z',
    '2023-01-01T23:59:59.00xZ',
    '2023-01-01t23:59:59.000Z',
    '2023-01-01T23:59:59.000z',
    '2023-01-01 23:59:59.000Z',
    '2023-01-01T23:59:59.000+00:00',
    '2023-01-01T23:59:59Z',
    '2023-01-01T23:59:59.123456Z',
    '+002023-01-01T23:59:59.000Z',
    '２023-01-01T23:59:59.000Z',
    '',
  ])('decides %j as the pattern and Date.parse do', (text) =>
    expect(IsoDateTime.is(text)).toBe(byDefinition(text)),
  );
});
