import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import pino from 'pino';
import {
  createEmailTemplate,
  createUser,
  eventually,
  openDeskOn,
  succeed,
  uuidGenerator,
  type PasswordResets,
} from '@helpdesk/application';
import type { UserSource } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { listOutboundEmails, type OutboundEmailView } from '@helpdesk/projections';
import {
  openTestDatabase,
  type TestDatabase,
} from '@helpdesk/projections/src/testing/test-database';
import { startWorker, type Worker } from '../start-worker';
import { openStoreBeside } from '../testing/harness';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink';

const portalUrl = 'https://help.acme.example/portal';

/**
 * The welcome email through the whole worker: a user is created, the welcome process queues the
 * mail in the PostgreSQL outbox, the sender mints the link and hands the mail to an SMTP server.
 */
describe('R6.2 the welcome email, from the user’s creation to the SMTP server', () => {
  let db: TestDatabase;
  let store: EventStore;
  let sink: SmtpSink;
  const issued: string[] = [];
  const logLines: string[] = [];
  const passwordResets: PasswordResets = {
    issue: (_account, _user, now) => {
      const token = randomBytes(32).toString('base64url');
      issued.push(token);
      return TE.right({ token, expiresAt: new Date(now.getTime() + 3_600_000) });
    },
  };

  const start = (smtpUrl: string | undefined, name: string): Promise<Worker> =>
    startWorker({
      store,
      client: db.client,
      schema: db.schema,
      processSchema: `${db.schema}_pm_${name}`,
      outboxSchema: `${db.schema}_outbox`,
      projections: [],
      processes: ['welcome_emails'],
      ...(smtpUrl === undefined ? {} : { smtpUrl }),
      passwordResets,
      mailFrom: 'support@acme.example',
      mailPollMs: 20,
      retryDelayMs: 20,
      logger: pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logLines.push(chunk.toString('utf8'));
            done();
          },
        }),
      ),
    });

  const outbox = async (accountId: string): Promise<ReadonlyArray<OutboundEmailView>> => {
    const page = await listOutboundEmails(db.client, accountId, {}, `${db.schema}_outbox`)();
    if (E.isLeft(page)) throw new Error(page.left.message);
    return page.right.items;
  };

  const openDesk = async () => {
    const desk = await openDeskOn(store, { ids: uuidGenerator });
    const template = await succeed(
      createEmailTemplate(desk.deps, desk.owner(), {
        name: 'Welcome',
        subject: 'Welcome, {{user.name}}',
        body: 'Sign in at {{portal.url}} as {{portal.username}}.\nSet your password: {{portal.password_link}}',
      }),
    );
    await desk.changeSettings({
      welcomeEmail: { enabled: true, templateId: template.state!.id },
      portalUrl,
    });
    const user = async (name: string, source: UserSource) => {
      const created = await succeed(
        createUser(desk.deps, desk.owner(), {
          profile: { name },
          role: 'end-user',
          source,
          emails: [`${name.toLowerCase()}@customer.example`],
        }),
      );
      return created.state.exists ? created.state.id : '';
    };
    return { desk, user };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    store = await openStoreBeside(db);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await store.close();
    await db.dispose();
  });

  it('without SMTP_URL the mail stays queued, and one warning says so', async () => {
    const worker = await start(undefined, 'unsent');
    const { desk, user } = await openDesk();
    const ann = await user('Ann', 'manual');
    const queued = await eventually('the welcome email queued', async () => {
      const mails = await outbox(desk.opened.accountId);
      return mails.length > 0 ? mails : undefined;
    });
    await worker.stop();
    expect(queued.map((m) => [m.userId, m.status])).toEqual([[ann, 'queued']]);
    expect(logLines.filter((l) => l.includes('SMTP_URL is not set'))).toHaveLength(1);
    expect(sink.received).toEqual([]);
  });

  it('sends it once with a fresh single-use link; an import gets none (R6.2)', async () => {
    const worker = await start(sink.url, 'sent');
    try {
      const { desk, user } = await openDesk();
      const bob = await user('Bob', 'manual');
      await user('Imported', 'import');
      const mails = await eventually('the welcome emails sent', async () => {
        const all = await outbox(desk.opened.accountId);
        return all.length > 0 && all.every((m) => m.status === 'sent') ? all : undefined;
      });
      expect(mails.map((m) => [m.userId, m.to])).toEqual([[bob, 'bob@customer.example']]);
      const received = sink.received.filter((m) => m.to.includes('bob@customer.example'));
      expect(received).toHaveLength(1);
      expect(received[0]!.headers['subject']).toBe('Welcome, Bob');
      const token = issued.at(-1)!;
      expect(received[0]!.text).toBe(
        `Sign in at ${portalUrl} as bob@customer.example.\nSet your password: ${portalUrl}/password/reset?token=${token}`,
      );
    } finally {
      await worker.stop();
    }
    // the first test's mail, queued while there was no SMTP server, went out too, once: this
    // worker's welcome process started from no checkpoint and handled Ann's creation again
    expect(sink.received.filter((m) => m.to[0] === 'ann@customer.example')).toHaveLength(1);
    // R6.8: no token in the outbox, the log or the worker's logs
    const rows = await db.client.query(`SELECT * FROM ${db.schema}_outbox.emails`);
    const events = await store.readAll()();
    const text = (u: unknown) =>
      JSON.stringify(u, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(issued.length).toBeGreaterThanOrEqual(2);
    for (const token of issued) {
      expect(text(rows.rows)).not.toContain(token);
      expect(text(E.isRight(events) ? events.right : [])).not.toContain(token);
      expect(logLines.join('')).not.toContain(token);
    }
  });
});
