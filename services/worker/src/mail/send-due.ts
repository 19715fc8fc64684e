import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  type AppError,
  type Clock,
  type IdGenerator,
  type PasswordResets,
  type ProcessLogger,
} from '@helpdesk/application';
import {
  afterFailedAttempt,
  fillSecrets,
  holdsSecrets,
  retryPolicy,
  type RetryPolicy,
} from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { ClaimedEmail, OutboxDelivery } from '@helpdesk/projections';
import { passwordLinkFor } from './password-link';
import type { MailTransport, SendFailure } from './smtp-transport';

export interface SendDueDeps {
  readonly delivery: OutboxDelivery;
  readonly transport: MailTransport;
  /** mints single-use password links (R6.8); without it a mail that needs one waits */
  readonly passwordResets?: PasswordResets;
  /** the account's portal URL as it is now: a link points where the portal is */
  readonly portalUrlOf: (accountId: Uuid) => TE.TaskEither<AppError, string | null>;
  readonly clock: Clock;
  /** claim tokens */
  readonly ids: IdGenerator;
  readonly logger: ProcessLogger;
  /** the From address; its domain names the Message-IDs */
  readonly from: string;
  readonly policy?: RetryPolicy;
  /** mails per claim; 20 when absent */
  readonly batchSize?: number;
  /** how long a claim holds a mail; 5 minutes when absent (longer than any SMTP timeout) */
  readonly leaseMs?: number;
}

export interface SendReport {
  readonly claimed: number;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
}

interface Prepared {
  readonly text: string;
  /** the token the text holds, if any: it must appear in no log line and no stored error */
  readonly secret: string | null;
}

const domainOf = (address: string): string => {
  const match = /@([^@>\s]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'localhost';
};

/**
 * The same Message-ID for every attempt at one mail: were the sender to die between the server's
 * acceptance and marking the mail sent, the mail goes again after its claim lapses, and the copy is
 * recognisable downstream by that id. Exactly once ends at the SMTP handoff.
 */
export const messageIdOf = (emailId: string, from: string): string =>
  `<${emailId}@${domainOf(from)}>`;

const transient = (message: string): SendFailure => ({ permanent: false, message });

/** The body to send: a `{{portal.password_link}}` becomes a freshly minted single-use link. */
const prepare = async (
  deps: SendDueDeps,
  email: ClaimedEmail,
): Promise<E.Either<SendFailure, Prepared>> => {
  if (!holdsSecrets(email.body)) return E.right({ text: email.body, secret: null });
  if (email.userId === null)
    return E.left({ permanent: true, message: 'a password link needs the user the mail is for' });
  if (deps.passwordResets === undefined)
    return E.left(transient('password links cannot be minted here: no password reset store'));
  const portalUrl = await deps.portalUrlOf(email.accountId)();
  if (E.isLeft(portalUrl)) return E.left(transient(`the account could not be read`));
  if (portalUrl.right === null)
    return E.left(transient('the account has no portal_url: the password link has nowhere to go'));
  const issued = await deps.passwordResets.issue(email.accountId, email.userId, deps.clock.now())();
  if (E.isLeft(issued)) return E.left(transient('the password link could not be minted'));
  const link = passwordLinkFor(portalUrl.right, issued.right.token);
  return E.right({
    text: fillSecrets(email.body, { 'portal.password_link': link }),
    secret: issued.right.token,
  });
};

/** A server's answer could echo what it was sent: the token never goes into a stored error. */
const scrubbed = (message: string, secret: string | null): string =>
  secret === null || secret === '' ? message : message.split(secret).join('[redacted]');

type Outcome = 'sent' | 'retried' | 'failed' | 'lost';

const recordFailure = async (
  deps: SendDueDeps,
  email: ClaimedEmail,
  failure: SendFailure,
): Promise<Outcome> => {
  const next = failure.permanent
    ? ({ next: 'give_up' } as const)
    : afterFailedAttempt(email.attempts, deps.policy ?? retryPolicy);
  const dueAt =
    next.next === 'retry' ? new Date(deps.clock.now().getTime() + next.delaySeconds * 1000) : null;
  const recorded =
    dueAt === null
      ? await deps.delivery.markFailed(email, failure.message)()
      : await deps.delivery.retryLater(email, dueAt, failure.message)();
  deps.logger.error(
    dueAt === null
      ? 'a mail could not be sent: failed'
      : 'a mail was not sent: it will be tried again',
    {
      emailId: email.id,
      accountId: email.accountId,
      attempt: email.attempts,
      permanent: failure.permanent,
      // the admin sees the address in the outbox; the logs need not hold it
      error: failure.message.split(email.to).join('[recipient]'),
      ...(dueAt === null ? {} : { retryAt: dueAt.toISOString() }),
      ...(E.isLeft(recorded) ? { notRecorded: recorded.left.message } : {}),
    },
  );
  return dueAt === null ? 'failed' : 'retried';
};

const sendOne = async (deps: SendDueDeps, email: ClaimedEmail): Promise<Outcome> => {
  const prepared = await prepare(deps, email);
  if (E.isLeft(prepared)) return recordFailure(deps, email, prepared.left);
  const { text, secret } = prepared.right;
  const sent = await deps.transport.send({
    from: deps.from,
    to: email.to,
    subject: email.subject,
    text,
    messageId: messageIdOf(email.id, deps.from),
  });
  if (E.isLeft(sent))
    return recordFailure(deps, email, {
      ...sent.left,
      message: scrubbed(sent.left.message, secret),
    });
  const marked = await deps.delivery.markSent(email, deps.clock.now())();
  if (E.isLeft(marked)) {
    // sent but not marked: after the claim lapses it goes again, with the same Message-ID
    deps.logger.error('a mail was sent but could not be marked sent', {
      emailId: email.id,
      error: marked.left.message,
    });
    return 'lost';
  }
  deps.logger.info('a mail was sent', {
    emailId: email.id,
    accountId: email.accountId,
    attempt: email.attempts,
  });
  return 'sent';
};

/**
 * One pass of the sender: claims the due mails (no other sender holds them meanwhile), tries each
 * once and records the outcome: sent; tried again later with back-off; or failed, after the
 * policy's last attempt or at once when the server refused it for good. `stopping` gives the mails
 * not yet tried back. No log line holds a recipient, a body or a link.
 */
export const sendDue = async (
  deps: SendDueDeps,
  stopping: () => boolean = () => false,
): Promise<E.Either<AppError, SendReport>> => {
  const now = deps.clock.now();
  const claimed = await deps.delivery.claimDue({
    now,
    leaseUntil: new Date(now.getTime() + (deps.leaseMs ?? 5 * 60_000)),
    limit: deps.batchSize ?? 20,
    claimToken: deps.ids.next(),
  })();
  if (E.isLeft(claimed)) return claimed;
  const counts: Record<Outcome, number> = { sent: 0, retried: 0, failed: 0, lost: 0 };
  for (const email of claimed.right) {
    if (stopping()) await deps.delivery.release(email)();
    else counts[await sendOne(deps, email)]++;
  }
  return E.right({
    claimed: claimed.right.length,
    sent: counts.sent,
    retried: counts.retried,
    failed: counts.failed,
  });
};
