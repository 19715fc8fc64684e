/** At most `requests` per caller in each window of `windowMs`. */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/**
 * A fixed-window counter per caller, in this process. It protects the service from one runaway
 * client; it is not a quota (several processes each count on their own).
 * Returns, for a refused request, the seconds until the window ends.
 */
export const rateLimiter = (limit: RateLimit | undefined, now: () => number = Date.now) => {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (at: number) => {
    if (limit === undefined || windows.size < 10_000) return;
    for (const [scope, window] of windows)
      if (at - window.start >= limit.windowMs) windows.delete(scope);
  };
  return (scope: string): number | undefined => {
    if (limit === undefined) return undefined;
    const at = now();
    sweep(at);
    const window = windows.get(scope);
    if (window === undefined || at - window.start >= limit.windowMs) {
      windows.set(scope, { start: at, count: 1 });
      return undefined;
    }
    window.count += 1;
    if (window.count <= limit.requests) return undefined;
    return Math.max(1, Math.ceil((window.start + limit.windowMs - at) / 1000));
  };
};
