import type { Clock } from '../ports/clock';

/** A clock that says the same instant until a test moves it. */
export const fixedClock = (at: Date | string = '2026-11-21T10:00:00.000Z') => {
  let current = new Date(at).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  } satisfies Clock & { advance(ms: number): void };
};
