import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  eventually,
  fixedClock,
  quietLogger,
  systemClock,
  uuidGenerator,
  type Clock,
  type PasswordResets,
  type QueuedEmail,
} from '@helpdesk/application';
import type { RetryPolicy } from '@helpdesk/domain';
import {
  installOutbox,
  listOutboundEmails,
  pgOutbox,
  sqlOutboxDelivery,
  type OutboundEmailView,
  type OutboxDelivery,
} from '@helpdesk/projections';
import {
  openTestDatabase,
  type TestDatabase,
} from '@helpdesk/projections/src/testing/test-database';
import { startMailSender } from './mail-sender';
import { messageIdOf, sendDue, type SendDueDeps } from './send-due';
import { smtpTransport, type MailTransport } from './smtp-transport';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink';

const accountId = '0a000000-0000-4000-8000-000000000001';
const annId = '0d000000-0000-4000-8000-00000000000a';
const portalUrl = 'https://help.acme.example/portal/';
const from = 'Acme Support <support@acme.example>';
const start = '2026-11-21T10:00:00.000Z';

/** Single-use tokens as a password store would mint them; the test keeps them to look for leaks. */
const memoryResets = () => {
  const issued: string[] = [];
  const passwordResets: PasswordResets = {
    issue: (_account, _user, now) => {
      const token = randomBytes(32).toString('base64url');
      issued.push(token);
      return TE.right({ token, expiresAt: new Date(now.getTime() + 3_600_000) });
    },
  };
  return { issued, passwordResets };
};

let n = 0;
const welcome = (overrides: Partial<QueuedEmail> = {}): QueuedEmail => ({
  id: uuidGenerator.next(),
  accountId,
  to: 'ann@acme.example',
  templateId: null,
  subject: `Welcome ${++n}`,
  body: 'Hello Ann,\nset your password at {{portal.password_link}}\nSee you',
  ticketId: null,
  userId: annId,
  causationId: `event-${n}`,
  ...overrides,
});

describe('the mail sender', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;
  let outboxes = 0;

  beforeAll(async () => {
    db = await openTestDatabase();
    sink = await startSmtpSink();
    transport = smtpTransport(sink.url);
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
    await db.dispose();
  });
  beforeEach(() => {
    sink.received.length = 0;
    sink.refuse(250, 0);
  });

  /** an outbox of its own per test, and a sender over it on a clock the test moves */
  const setUp = async (options: { policy?: RetryPolicy; portalUrl?: string | null } = {}) => {
    const schema = `${db.schema}_outbox${++outboxes}`;
    await installOutbox(db.client, schema);
    const clock = fixedClock(start);
    const resets = memoryResets();
    const logger = quietLogger();
    const delivery = sqlOutboxDelivery(db.client, schema);
    const deps: SendDueDeps = {
      delivery,
      transport,
      passwordResets: resets.passwordResets,
      portalUrlOf: () => TE.right(options.portalUrl === undefined ? portalUrl : options.portalUrl),
      clock,
      ids: uuidGenerator,
      logger,
      from,
      ...(options.policy === undefined ? {} : { policy: options.policy }),
    };
    const enqueue = async (emails: QueuedEmail[], queuedBy: Clock = clock) => {
      const done = await pgOutbox(db.client, { schema, clock: queuedBy }).enqueue(emails)();
      if (E.isLeft(done)) throw new Error(done.left.message);
    };
    const pass = async (with_: Partial<SendDueDeps> = {}) => {
      const report = await sendDue({ ...deps, ...with_ });
      if (E.isLeft(report)) throw new Error(JSON.stringify(report.left));
      return report.right;
    };
    const rows = async (): Promise<ReadonlyArray<OutboundEmailView>> => {
      const page = await listOutboundEmails(db.client, accountId, {}, schema)();
      if (E.isLeft(page)) throw new Error(page.left.message);
      return page.right.items;
    };
    return { schema, clock, resets, logger, delivery, deps, enqueue, pass, rows };
  };

  it('R6.8 sends a queued mail once, its link minted at sending and found nowhere else', async () => {
    const { resets, logger, enqueue, pass, rows, schema } = await setUp();
    const mail = welcome();
    await enqueue([mail]);
    expect(await pass()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(await pass()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 });

    const [token] = resets.issued;
    expect(resets.issued).toHaveLength(1);
    expect(sink.received).toHaveLength(1);
    const received = sink.received[0]!;
    expect(received.to).toEqual(['ann@acme.example']);
    expect(received.headers).toMatchObject({
      subject: mail.subject,
      'message-id': `<${mail.id}@acme.example>`,
      'auto-submitted': 'auto-generated',
    });
    expect(received.text).toBe(
      `Hello Ann,\nset your password at https://help.acme.example/portal/password/reset?token=${token}\nSee you`,
    );
    expect(await rows()).toEqual([
      expect.objectContaining({ id: mail.id, status: 'sent', attempts: 1, sentAt: start }),
    ]);
    // the token lives in the mail only: not in the outbox, not in a log line
    const stored = await db.client.query(`SELECT * FROM ${schema}.emails`);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    const logged = JSON.stringify([logger.infos, logger.errors]);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain('Hello Ann');
    expect(logged).not.toContain('ann@acme.example');
  });

  it('sends a mail without a password snippet as it is, minting nothing', async () => {
    const { resets, enqueue, pass } = await setUp();
    await enqueue([welcome({ body: 'Your ticket was solved.' })]);
    await pass();
    expect(resets.issued).toEqual([]);
    expect(sink.received.map((m) => m.text)).toEqual(['Your ticket was solved.']);
  });

  it('R5.3 never sends a mail to a .invalid address', async () => {
    const { enqueue, pass, rows } = await setUp();
    await enqueue([welcome({ to: 'nobody@customer.invalid' })]);
    expect(await pass()).toMatchObject({ claimed: 0, sent: 0 });
    expect(sink.received).toEqual([]);
    expect((await rows()).map((m) => m.status)).toEqual(['suppressed']);
  });

  it('two senders at once send each mail exactly once', async () => {
    const { schema, enqueue, rows, resets } = await setUp();
    const mails = Array.from({ length: 30 }, () => welcome());
    // these senders run on the system clock: the mails are due now
    await enqueue(mails, systemClock);
    const senders = [1, 2].map(() =>
      startMailSender({
        delivery: sqlOutboxDelivery(db.client, schema),
        transport: smtpTransport(sink.url),
        passwordResets: resets.passwordResets,
        portalUrlOf: () => TE.right(portalUrl),
        clock: systemClock,
        ids: uuidGenerator,
        logger: quietLogger(),
        from,
        batchSize: 4,
        pollMs: 10,
      }),
    );
    try {
      await eventually('every mail sent', async () =>
        (await rows()).every((m) => m.status === 'sent') ? true : undefined,
      );
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
    }
    const ids = sink.received.map((m) => m.headers['message-id']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids)).toEqual(new Set(mails.map((m) => messageIdOf(m.id, from))));
  });

  it('tries a refused mail again with back-off, then sends it', async () => {
    const { clock, enqueue, pass, rows } = await setUp();
    await enqueue([welcome()]);
    sink.refuse(451, 2);
    expect(await pass()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await rows()).toEqual([
      expect.objectContaining({
        status: 'queued',
        attempts: 1,
        lastError: expect.stringContaining('451'),
      }),
    ]);
    // not due before the policy's first delay (30 s)
    clock.advance(29_000);
    expect(await pass()).toMatchObject({ claimed: 0 });
    clock.advance(1_000);
    expect(await pass()).toMatchObject({ claimed: 1, retried: 1 });
    clock.advance(59_000);
    expect(await pass()).toMatchObject({ claimed: 0 });
    clock.advance(1_000);
    expect(await pass()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    expect(await rows()).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 3, lastError: null }),
    ]);
  });

  it('marks a mail failed after the policy’s last attempt', async () => {
    const policy = { firstDelaySeconds: 10, maxDelaySeconds: 10, maxAttempts: 3 };
    const { clock, enqueue, pass, rows } = await setUp({ policy });
    await enqueue([welcome()]);
    sink.refuse(421);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await pass()).toMatchObject({ claimed: 1 });
      clock.advance(10_000);
    }
    expect(await rows()).toEqual([
      expect.objectContaining({
        status: 'failed',
        attempts: 3,
        lastError: expect.stringContaining('421'),
      }),
    ]);
    clock.advance(3_600_000);
    expect(await pass()).toMatchObject({ claimed: 0 });
    expect(sink.received).toEqual([]);
  });

  it('marks a mail failed at once when the server refuses it for good (5xx)', async () => {
    const { enqueue, pass, rows } = await setUp();
    await enqueue([welcome()]);
    sink.refuse(550, 1);
    expect(await pass()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await rows()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
  });

  it('keeps a mail that needs a link queued while the account has no portal URL', async () => {
    const { enqueue, pass, rows, resets } = await setUp({ portalUrl: null });
    await enqueue([welcome()]);
    expect(await pass()).toMatchObject({ claimed: 1, retried: 1 });
    expect(resets.issued).toEqual([]);
    expect(sink.received).toEqual([]);
    expect(await rows()).toEqual([
      expect.objectContaining({ status: 'queued', lastError: expect.stringMatching(/portal_url/) }),
    ]);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const { enqueue, pass, rows } = await setUp();
    await enqueue([welcome()]);
    const closed = await startSmtpSink();
    await closed.close();
    const unreachable = smtpTransport(closed.url);
    expect(await pass({ transport: unreachable })).toMatchObject({ claimed: 1, retried: 1 });
    unreachable.close();
    expect(await rows()).toEqual([expect.objectContaining({ status: 'queued', attempts: 1 })]);
  });

  it('after a crash between sending and marking, sends again with the same Message-ID (exactly once ends at the SMTP handoff)', async () => {
    const { clock, delivery, enqueue, pass, rows } = await setUp();
    const mail = welcome();
    await enqueue([mail]);
    const crashing: OutboxDelivery = {
      ...delivery,
      markSent: () => TE.left({ kind: 'StoreUnavailable', message: 'the connection was lost' }),
    };
    expect(await pass({ delivery: crashing })).toMatchObject({ claimed: 1, sent: 0 });
    // the claim holds the mail for its lease (5 minutes), then another pass takes it
    clock.advance(4 * 60_000);
    expect(await pass()).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await pass()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received.map((m) => m.headers['message-id'])).toEqual([
      `<${mail.id}@acme.example>`,
      `<${mail.id}@acme.example>`,
    ]);
    expect(await rows()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });

  it('gives back the mails it claimed but did not try when it stops', async () => {
    const { enqueue, deps, rows } = await setUp();
    await enqueue([welcome(), welcome()]);
    const report = await sendDue(deps, () => true);
    expect(report).toEqual(E.right({ claimed: 2, sent: 0, retried: 0, failed: 0 }));
    expect((await rows()).map((m) => [m.status, m.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
  });
});
