import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether a presented token is the operator's, in constant time: both sides are hashed first, so
 * the comparison neither leaks the token's length nor stops at the first differing character.
 */
export const isOperatorToken = (configured: string, presented: string): boolean =>
  timingSafeEqual(digest(configured), digest(presented));
