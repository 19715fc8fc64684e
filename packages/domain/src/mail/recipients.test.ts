import { afterFailedAttempt, retryPolicy } from './retries';
import { deliveryTo, isSuppressed } from './recipients';

describe('R5.3 addresses at the .invalid domain are never sent mail', () => {
  it.each(['nobody@example.invalid', 'Ann@Acme.INVALID', ' x@y.invalid '])(
    'suppresses %s',
    (address) => {
      expect(deliveryTo(address)).toMatchObject({ status: 'suppressed', rule: 'R5.3' });
      expect(isSuppressed(address)).toBe(true);
    },
  );

  it.each(['ann@acme.com', 'ann@invalid.com', 'invalid@acme.org'])('queues %s', (address) =>
    expect(deliveryTo(address)).toEqual({ status: 'queued' }),
  );
});

describe('a refused mail is retried with back-off, then failed (settled)', () => {
  it('doubles the delay from 30 s up to one hour', () =>
    expect([1, 2, 3, 4, 7].map((n) => afterFailedAttempt(n))).toEqual([
      { next: 'retry', delaySeconds: 30 },
      { next: 'retry', delaySeconds: 60 },
      { next: 'retry', delaySeconds: 120 },
      { next: 'retry', delaySeconds: 240 },
      { next: 'retry', delaySeconds: 1920 },
    ]));

  it('caps the delay', () =>
    expect(
      afterFailedAttempt(10, { firstDelaySeconds: 600, maxDelaySeconds: 3600, maxAttempts: 20 }),
    ).toEqual({ next: 'retry', delaySeconds: 3600 }));

  it('gives up after the last attempt', () =>
    expect(afterFailedAttempt(retryPolicy.maxAttempts)).toEqual({ next: 'give_up' }));
});
