import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Logger } from 'pino';
import {
  loadAccount,
  type Clock,
  type IdGenerator,
  type PasswordResets,
} from '@helpdesk/application';
import type { EventStore, SqlClient } from '@helpdesk/event-store';
import { sqlOutboxDelivery } from '@helpdesk/projections';
import { componentLogger } from '../logger';
import { startMailSender, type MailSender } from './mail-sender';
import { smtpTransport } from './smtp-transport';

export interface OutboxSenderOptions {
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly outboxSchema: string;
  /** SMTP_URL; without it no mail leaves */
  readonly smtpUrl?: string;
  /** `helpdesk@localhost` when absent */
  readonly mailFrom?: string;
  readonly passwordResets?: PasswordResets;
  readonly mailPollMs?: number;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

/**
 * The worker's sender over the PostgreSQL outbox, when there is an SMTP server to send through.
 * Without `SMTP_URL` mails stay queued (the outbox route shows them) and one warning says why.
 */
export const startOutboxSender = (options: OutboxSenderOptions): MailSender | undefined => {
  const logger = componentLogger(options.logger, 'mail_sender');
  if (options.smtpUrl === undefined || options.smtpUrl === '') {
    options.logger.warn(
      { component: 'mail_sender' },
      'SMTP_URL is not set: mails stay queued in the outbox',
    );
    return undefined;
  }
  return startMailSender({
    delivery: sqlOutboxDelivery(options.client, options.outboxSchema),
    transport: smtpTransport(options.smtpUrl),
    ...(options.passwordResets === undefined ? {} : { passwordResets: options.passwordResets }),
    // links point where the portal is now, not where it was when the mail was queued
    portalUrlOf: (accountId) =>
      pipe(
        loadAccount(options.store, accountId),
        TE.map((account) => account.settings.portalUrl),
      ),
    clock: options.clock,
    ids: options.ids,
    logger,
    from: options.mailFrom ?? 'helpdesk@localhost',
    ...(options.mailPollMs === undefined ? {} : { pollMs: options.mailPollMs }),
  });
};
