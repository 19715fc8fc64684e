import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressObject } from 'mailparser';
import type { createTransport as CreateTransport } from '../../../worker/node_modules/@types/nodemailer';
import {
  buildServe,
  freePort,
  freshDatabase,
  startServe,
  type ServeProcess,
} from '../testing/serve-process';
import { startMailSink, type MailSink, type SunkMail } from './mail-sink';

// nodemailer is the worker's dependency; borrowed here to speak SMTP as a real mail server would
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTransport } = require('../../../worker/node_modules/nodemailer') as {
  createTransport: typeof CreateTransport;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers, read field by field */
interface Answer {
  readonly status: number;
  readonly body: any;
}

const operatorToken = 'e2e-mail-operator-token';
const portalUrl = 'https://help.acme.example/portal';
const newPerson = 'new.person@acme.example';

const eventually = async <A>(
  what: string,
  probe: () => Promise<A | undefined>,
  timeoutMs = 20_000,
): Promise<A> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field === undefined ? [] : [field]).flatMap((group) =>
    group.value.map((a) => a.address ?? ''),
  );

/**
 * Issue 7, end to end: the built `helpdesk serve` (a child process on the embedded store, or a
 * fresh database when DATABASE_URL is set) takes a real SMTP mail on its listener, and its worker
 * hands the welcome email to an SMTP server this test runs. Only the wire is used: HTTP and SMTP.
 */
describe('R6.1 R6.2 R6.4 R6.7 R6.8 R2.3 a mail from a new person, through `helpdesk serve` and back', () => {
  let serve: ServeProcess;
  let sink: MailSink;
  let dropDatabase: (() => Promise<void>) | undefined;
  let smtpPort: number;
  let accountId: string;
  let ownerToken: string;
  let acme: string;
  let templateId: string;
  let welcome: SunkMail;
  /** what the serve process wrote once it listened: every secret comes later */
  let output = '';
  /** its output streams are read to their end (after its exit) */
  let outputClosed: Promise<unknown>;
  const secrets: string[] = [];
  const password = `Tr0ub4dor&${randomBytes(6).toString('hex')}`;

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Answer> => {
    const answer = await fetch(`${serve.base}${path}`, {
      method,
      headers: {
        ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: text === '' ? null : JSON.parse(text) };
  };
  const asOwner = (method: string, path: string, body?: unknown) =>
    call(method, path, { token: ownerToken, ...(body === undefined ? {} : { body }) });
  const expectStatus = (answer: Answer, status: number): any => {
    expect([answer.status, answer.body]).toEqual([status, expect.anything()]);
    return answer.body;
  };

  /** the new person, once the users read model shows them */
  const newPersonUser = () =>
    eventually('the new person in the users read model', async () => {
      const found = await asOwner('GET', '/api/v2/users/search?query=acme.example');
      return (found.body.users as any[]).find((u) => u.email === newPerson);
    });

  const linkOf = (mail: SunkMail): URL => {
    const links = (mail.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [];
    const link = links.find((l) => l.includes('token='));
    if (link === undefined) throw new Error(`no password link in: ${mail.parsed.text}`);
    return new URL(link);
  };

  beforeAll(async () => {
    buildServe();
    sink = await startMailSink();
    const url = process.env['DATABASE_URL'];
    let databaseUrl: string | undefined;
    if (url !== undefined && url !== '') {
      const database = await freshDatabase(url, 'helpdesk_e2e_mail');
      databaseUrl = database.url;
      dropDatabase = database.drop;
    }
    smtpPort = await freePort();
    serve = await startServe({
      operatorToken,
      ...(databaseUrl ? { databaseUrl } : {}),
      args: ['--smtp-port', String(smtpPort)],
      env: { SMTP_URL: sink.url },
    });
    outputClosed = once(serve.child, 'close');
    serve.child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    serve.child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

    const opened = expectStatus(
      await call('POST', '/api/v2/accounts', {
        token: operatorToken,
        body: {
          account: {
            name: 'Acme Support',
            plan: 'enterprise',
            owner: { name: 'Olga Owner', email: 'olga@owner.example' },
          },
        },
      }),
      201,
    );
    accountId = opened.account.id;
    ownerToken = opened.api_token.token;
    secrets.push(ownerToken);

    acme = expectStatus(
      await asOwner('POST', '/api/v2/organizations', {
        organization: { name: 'Acme', domain_names: ['acme.example'] },
      }),
      201,
    ).organization.id;
    templateId = expectStatus(
      await asOwner('POST', '/api/v2/email_templates', {
        email_template: {
          name: 'Welcome',
          subject: 'Welcome to Acme support, {{user.name}}',
          body: 'Hello {{user.name}},\nSign in at {{portal.url}} as {{portal.username}}.\nSet your password: {{portal.password_link}}',
        },
      }),
      201,
    ).email_template.id;
    expectStatus(
      await asOwner('PUT', '/api/v2/account', {
        account: {
          settings: {
            auto_create_users_from_email: true,
            welcome_email: { enabled: true, template_id: templateId },
            portal_url: portalUrl,
          },
        },
      }),
      200,
    );
    const support = expectStatus(await asOwner('GET', '/api/v2/channels/email'), 200).email_channel
      .support_address as string;

    const sent = await createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      from: `"New Person" <${newPerson}>`,
      to: support,
      subject: 'My badge does not open the door',
      text: 'Since Monday the reader at the front door refuses my badge.',
      messageId: '<badge-door-1@acme.example>',
    });
    expect(sent.response).toMatch(/^250 /);
    welcome = await sink.waitFor((mail) => mail.envelopeTo.includes(newPerson), 30_000);
  }, 180_000);

  afterAll(async () => {
    await serve?.stop(); // stopped already by the last test, unless an earlier one failed
    await sink?.close();
    await dropDatabase?.();
  }, 60_000);

  it('the listener is on the port given (--smtp-port)', () => {
    expect(serve.lines).toContainEqual(
      expect.objectContaining({ msg: 'listening', smtp_port: smtpPort }),
    );
  });

  it('R6.1 R6.4 the unknown sender became an end user of the organization listing their domain', async () => {
    const user = await newPersonUser();
    const account = expectStatus(await asOwner('GET', '/api/v2/account'), 200).account;
    expect(acme).not.toBe(account.settings.default_organization_id);
    expect(user).toMatchObject({
      name: 'New Person',
      email: newPerson,
      role: 'end-user',
      status: 'active',
      organization_id: acme,
      organization_ids: [acme],
    });
    const shown = expectStatus(await asOwner('GET', `/api/v2/users/${user.id}`), 200).user;
    expect(shown).toMatchObject({ id: user.id, organization_id: acme });
  });

  it('R2.3 the mail became a ticket requested by them, in that organization, by the email channel', async () => {
    const user = await newPersonUser();
    const requested = await eventually('the ticket in the tickets read model', async () => {
      const answer = await asOwner('GET', `/api/v2/users/${user.id}/tickets/requested`);
      return (answer.body.tickets as any[]).length > 0 ? (answer.body.tickets as any[]) : undefined;
    });
    expect(requested).toHaveLength(1);
    const ticket = expectStatus(
      await asOwner('GET', `/api/v2/tickets/${requested[0].id}`),
      200,
    ).ticket;
    expect(ticket).toMatchObject({
      subject: 'My badge does not open the door',
      requester_id: user.id,
      original_requester_id: user.id,
      organization_id: acme,
      via: { channel: 'email' },
    });
  });

  it('R6.2 R6.8 the welcome email from the chosen template reaches them with a link under portal_url', async () => {
    const link = linkOf(welcome);
    const token = link.searchParams.get('token') ?? '';
    secrets.push(token);
    expect(addressesOf(welcome.parsed.to)).toEqual([newPerson]);
    expect(welcome.parsed.subject).toBe('Welcome to Acme support, New Person');
    expect(welcome.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(link.toString().startsWith(`${portalUrl}/`)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/); // at least 256 bits
    expect(welcome.parsed.text?.trimEnd()).toBe(
      `Hello New Person,\nSign in at ${portalUrl} as ${newPerson}.\nSet your password: ${link.toString()}`,
    );
    // R6.8: the outbox admins read keeps no link, only a placeholder
    const user = await newPersonUser();
    const outbox = expectStatus(await asOwner('GET', '/api/v2/outbound_emails'), 200);
    const mails = (outbox.outbound_emails as any[]).filter((m) => m.user_id === user.id);
    expect(mails).toEqual([
      expect.objectContaining({ to: newPerson, template_id: templateId, status: 'sent' }),
    ]);
    expect(JSON.stringify(mails)).not.toContain(token);
  });

  it('R6.7 R6.8 the link sets a password once and only once; the password opens a portal session', async () => {
    const token = linkOf(welcome).searchParams.get('token');
    const reset = (newPassword: string) =>
      call('POST', '/api/v2/portal/password/reset', { body: { token, password: newPassword } });
    const signIn = (withPassword: string) =>
      call('POST', `/api/v2/portal/session?account_id=${accountId}`, {
        body: { email: newPerson, password: withPassword },
      });

    expect((await reset(password)).status).toBe(204);
    const again = await reset(`${password}-again`);
    expect([again.status, again.body.error]).toEqual([409, 'Conflict']);

    const session = await signIn(password);
    expect(session.status).toBe(200);
    expect(session.body.token).toEqual(expect.any(String));
    secrets.push(session.body.token as string);
    expect((await signIn(`${password}-again`)).status).toBe(401);
    expect((await signIn('not the password')).status).toBe(401);
  });

  it('R6.8 no password, link token or session token in the serve output, the event log or the outbox', async () => {
    expect(secrets).toHaveLength(3); // the owner's API token, the link's token, the session's
    const events = expectStatus(await asOwner('GET', '/api/v2/events?limit=1000'), 200).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(1000); // the whole log in one page
    const outbox = expectStatus(await asOwner('GET', '/api/v2/outbound_emails'), 200);
    // the welcome email went out once
    expect(sink.received.filter((m) => m.envelopeTo.includes(newPerson))).toHaveLength(1);

    // a serve process buffers its log lines and writes them all when it stops (SIGTERM)
    expect(await serve.stop()).toBe(0);
    await outputClosed;
    expect(serve.lines).toContainEqual(
      expect.objectContaining({ component: 'inbound_smtp', msg: 'message', code: 250 }),
    );
    expect(serve.lines).toContainEqual(expect.objectContaining({ msg: 'stopped' }));
    // the output read covers the requests that carried the secrets
    expect(output).toContain('"path":"/api/v2/portal/password/reset"');
    expect(output).toContain('"path":"/api/v2/portal/session"');
    const everywhere = {
      output,
      events: JSON.stringify(events),
      outbox: JSON.stringify(outbox),
    };
    for (const secret of [password, ...secrets])
      for (const [where, text] of Object.entries(everywhere))
        expect([where, text.includes(secret)]).toEqual([where, false]);
  });
});
