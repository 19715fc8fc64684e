import type * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { CredentialsUnavailable } from './credentials';

/**
 * An email waiting in the outbox. The outbox is a table, not events: a mail is an effect of events
 * (a user created, a trigger fired, a reset asked for), and the events are what the log keeps.
 *
 * Exactly once: `id` is derived from what caused the mail (the causing event's id and the mail's
 * purpose, e.g. uuid v5), so enqueuing the same mail again, after a restart or a redelivery, adds
 * nothing. Secrets are never stored: a body that needs a password link keeps the placeholder
 * `{{portal.password_link}}`, and the sender mints the single-use link when it sends (R6.8).
 */
export interface QueuedEmail {
  readonly id: Uuid;
  readonly accountId: Uuid;
  readonly to: string;
  readonly templateId: Uuid | null;
  readonly subject: string;
  /** the plain-text body, rendered except for secret placeholders */
  readonly body: string;
  readonly ticketId: Uuid | null;
  readonly userId: Uuid | null;
  /** the event id (or request id) that caused it, for the audit */
  readonly causationId: string;
}

export interface Outbox {
  /** adds the emails not queued before (by `id`); `.invalid` recipients are kept as `suppressed` (R5.3) */
  readonly enqueue: (
    emails: ReadonlyArray<QueuedEmail>,
  ) => TE.TaskEither<CredentialsUnavailable, void>;
}
