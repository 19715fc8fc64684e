/**
 * Settled here: a mail the server refused is tried again after 30 s, 1 min, 2 min, ... doubling up
 * to one hour, and marked `failed` after its 8th attempt (about two hours of trying).
 */
export interface RetryPolicy {
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly maxAttempts: number;
}

export const retryPolicy: RetryPolicy = {
  firstDelaySeconds: 30,
  maxDelaySeconds: 3600,
  maxAttempts: 8,
};

export type AfterFailure =
  { readonly next: 'retry'; readonly delaySeconds: number } | { readonly next: 'give_up' };

/** What to do after the `attempts`-th attempt to send a mail failed (attempts counts from 1). */
export const afterFailedAttempt = (
  attempts: number,
  policy: RetryPolicy = retryPolicy,
): AfterFailure => {
  if (attempts >= policy.maxAttempts) return { next: 'give_up' };
  const doubled = policy.firstDelaySeconds * 2 ** Math.max(0, attempts - 1);
  return { next: 'retry', delaySeconds: Math.min(policy.maxDelaySeconds, doubled) };
};
