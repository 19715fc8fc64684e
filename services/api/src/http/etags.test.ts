import * as E from 'fp-ts/Either';
import { etagOf, ifMatchRevision } from './etags';
import { rateLimiter } from './rate-limit';

describe('ETag and If-Match', () => {
  it('writes the stream revision as a strong ETag and reads it back, weak or strong', () => {
    expect(etagOf(12n)).toBe('"12"');
    expect(ifMatchRevision('"12"')).toEqual(E.right(12n));
    expect(ifMatchRevision('W/"12"')).toEqual(E.right(12n));
    expect(ifMatchRevision('*')).toEqual(E.right(undefined));
    expect(ifMatchRevision(undefined)).toEqual(E.right(undefined));
  });

  it('refuses an If-Match it cannot read, naming the header', () => {
    for (const header of ['12', '"twelve"', '"1", "2"']) {
      const result = ifMatchRevision(header);
      expect(E.isLeft(result) && result.left).toMatchObject({
        kind: 'InvalidInput',
        issues: [{ path: 'If-Match' }],
      });
    }
  });
});

describe('rate limiter', () => {
  it('lets `requests` through per window and per caller, then says how long to wait', () => {
    let now = 0;
    const limited = rateLimiter({ requests: 2, windowMs: 10_000 }, () => now);
    expect([limited('a'), limited('a'), limited('b')]).toEqual([undefined, undefined, undefined]);
    expect(limited('a')).toBe(10);
    now = 10_000;
    expect(limited('a')).toBeUndefined();
  });
});
