import pino from 'pino';
import { systemClock, uuidGenerator } from '@helpdesk/application';
import type { createTransport as CreateTransport } from '../../../worker/node_modules/@types/nodemailer';
import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';
import { startInboundSmtp, type InboundSmtp } from './inbound-smtp';

// nodemailer is the worker's dependency; borrowed here to speak SMTP as a real mail server would
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTransport } = require('../../../worker/node_modules/nodemailer') as {
  createTransport: typeof CreateTransport;
};

const secretBody = 'The badge reader rejects my card since Monday.';

describe('the SMTP listener: mail to a support address becomes a ticket, end to end', () => {
  let api: ApiHarness;
  let smtp: InboundSmtp;
  let small: InboundSmtp;
  let enterprise: OpenedAccount;
  let closed: OpenedAccount;
  let globex: string;
  const logLines: string[] = [];

  const transport = (listener: InboundSmtp = smtp) =>
    createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  const supportOf = (account: OpenedAccount) => `support+${account.accountId}@localhost`;
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      (): { responseCode?: number; response?: string } => ({ responseCode: 250 }),
      (error: { responseCode?: number; response?: string }) => error,
    );
  const requestedBy = async (account: OpenedAccount, domain: string) => {
    await api.settled();
    const users = await api.request('GET', `/api/v2/users/search?query=${domain}`, {
      token: account.ownerToken,
    });
    const tickets = await Promise.all(
      (users.body.users as Array<{ id: string }>).map(async (user) => {
        const answer = await api.request('GET', `/api/v2/users/${user.id}/tickets/requested`, {
          token: account.ownerToken,
        });
        return answer.body.tickets as Array<Record<string, unknown>>;
      }),
    );
    return { users: users.body.users as Array<Record<string, unknown>>, tickets: tickets.flat() };
  };

  beforeAll(async () => {
    api = await startApi();
    enterprise = await api.openAccount('enterprise');
    closed = await api.openAccount('team', 'Closed Co');
    await api.request('PUT', '/api/v2/account', {
      token: enterprise.ownerToken,
      body: { account: { settings: { auto_create_users_from_email: true } } },
    });
    const organization = await api.request('POST', '/api/v2/organizations', {
      token: enterprise.ownerToken,
      body: { organization: { name: 'Globex', domain_names: ['globex.example'] } },
    });
    globex = organization.body.organization.id;
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
    const commands = { eventStore: api.store, clock: systemClock, ids: uuidGenerator };
    smtp = await startInboundSmtp({ commands, logger, mailDomain: 'localhost', port: 0 });
    small = await startInboundSmtp({
      commands,
      logger,
      mailDomain: 'localhost',
      port: 0,
      maxMessageBytes: 2000,
    });
  });
  afterAll(async () => {
    await smtp.close();
    await small.close();
    await api.close();
  });

  it('R6.1 R6.4 R2.3 a new sender of a mapped domain: user, organization and ticket (250 once stored)', async () => {
    const sent = await transport().sendMail({
      from: '"Gina Globex" <gina@globex.example>',
      to: supportOf(enterprise),
      subject: 'Badge reader',
      text: secretBody,
      html: `<p>${secretBody}</p>`,
      messageId: '<badge-1@globex.example>',
    });
    expect(sent.response).toMatch(/^250 /);
    const { users, tickets } = await requestedBy(enterprise, 'globex.example');
    expect(users).toEqual([
      expect.objectContaining({
        name: 'Gina Globex',
        email: 'gina@globex.example',
        role: 'end-user',
        organization_id: globex,
      }),
    ]);
    expect(tickets).toEqual([
      expect.objectContaining({
        subject: 'Badge reader',
        organization_id: globex,
        via: { channel: 'email' },
      }),
    ]);
  });

  it('the same Message-ID delivered again, and three times at once, is still one ticket', async () => {
    const mail = {
      from: 'gina@globex.example',
      to: supportOf(enterprise),
      subject: 'Badge reader',
      text: secretBody,
      messageId: '<badge-1@globex.example>',
    };
    const again = await Promise.all([1, 2, 3].map(() => transport().sendMail(mail)));
    expect(again.map((info) => info.response.slice(0, 3))).toEqual(['250', '250', '250']);
    const { tickets } = await requestedBy(enterprise, 'globex.example');
    expect(tickets).toHaveLength(1);
  });

  it('refuses unknown recipients at RCPT with 550, and appends nothing', async () => {
    const before = await api.eventCount();
    const strangers = [
      'someone@localhost',
      `support+${enterprise.accountId}@elsewhere.example`,
      'support+00000000-0000-4000-8000-000000000000@localhost',
    ];
    for (const to of strangers) {
      const refused = await rejection(
        transport().sendMail({ from: 'gina@globex.example', to, subject: 'x', text: 'y' }),
      );
      expect([to, refused.responseCode]).toEqual([to, 550]);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('R6.1 with the setting off an unknown sender is refused (550), nothing appended', async () => {
    const before = await api.eventCount();
    const refused = await rejection(
      transport().sendMail({
        from: 'nobody@initech.example',
        to: supportOf(closed),
        subject: 'Hello',
        text: 'Hi',
      }),
    );
    expect(refused.responseCode).toBe(550);
    expect(refused.response).toContain('R6.1');
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a malformed message (550) and one over the size limit (552)', async () => {
    const before = await api.eventCount();
    const malformed = await rejection(
      transport().sendMail({
        envelope: { from: 'x@initech.example', to: [supportOf(enterprise)] },
        raw: 'this is not an email at all\r\n',
      }),
    );
    expect(malformed.responseCode).toBe(550);
    const tooBig = await rejection(
      transport(small).sendMail({
        from: 'gina@globex.example',
        to: supportOf(enterprise),
        subject: 'Big',
        text: 'x'.repeat(5000),
      }),
    );
    expect(tooBig.responseCode).toBe(552);
    expect(await api.eventCount()).toBe(before);
  });

  it('logs JSON lines, never the body nor the sender’s address', () => {
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((e) => e['msg'] === 'message').length).toBeGreaterThanOrEqual(5);
    expect(entries).toContainEqual(
      expect.objectContaining({
        component: 'inbound_smtp',
        msg: 'message',
        code: 250,
        message_id: 'badge-1@globex.example',
      }),
    );
    const all = logLines.join('\n');
    expect(all).not.toContain(secretBody);
    expect(all).not.toContain('gina@globex.example');
  });
});
