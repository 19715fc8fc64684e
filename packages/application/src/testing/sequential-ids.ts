import type { IdGenerator } from '../ports/id-generator';

/**
 * Ids a test can predict: `eeeeeeee-0000-4000-8000-000000000001`, `...002`, ... They are valid
 * UUIDs, and the prefix keeps them apart from the ids a test writes by hand.
 */
export const sequentialIds = (prefix = 'eeeeeeee', first = 1) => {
  let n = first;
  const format = (k: number) => `${prefix}-0000-4000-8000-${String(k).padStart(12, '0')}`;
  return {
    next: () => format(n++),
    /** the id `next()` gave `back` calls ago (1 is the last one) */
    issued: (back = 1) => format(n - back),
  } satisfies IdGenerator & { issued(back?: number): string };
};
