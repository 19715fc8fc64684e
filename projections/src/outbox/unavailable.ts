import type { CredentialsUnavailable } from '@helpdesk/application';

/** The outbox could not be reached: the same failure value as the other stores outside the log. */
export const outboxUnavailable =
  (what: string) =>
  (cause: unknown): CredentialsUnavailable => ({
    kind: 'StoreUnavailable',
    message: `could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  });
