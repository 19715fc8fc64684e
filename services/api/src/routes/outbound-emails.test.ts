import * as E from 'fp-ts/Either';
import { uuidGenerator, type QueuedEmail } from '@helpdesk/application';
import { redactedSecret } from '@helpdesk/domain';
import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

describe('GET /api/v2/outbound_emails, the mail outbox (admins)', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  let other: OpenedAccount;
  let ann: { id: string; token: string };

  const queued = (accountId: string, overrides: Partial<QueuedEmail> = {}): QueuedEmail => ({
    id: uuidGenerator.next(),
    accountId,
    to: 'ann@acme.example',
    templateId: null,
    subject: 'Welcome',
    body: 'Hello Ann,\nset your password at {{portal.password_link}}\nBye',
    ticketId: null,
    userId: ann.id,
    causationId: 'event-1',
    ...overrides,
  });

  const enqueue = async (emails: QueuedEmail[]) => {
    const done = await api.outbox.enqueue(emails)();
    if (E.isLeft(done)) throw new Error(done.left.message);
  };

  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
    other = await api.openAccount();
    ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.example' });
  });
  afterAll(() => api.close());

  it('lists the account’s mails with the fields of api.md; R6.8 the password link is redacted', async () => {
    const welcome = queued(account.accountId);
    await enqueue([welcome, queued(other.accountId, { subject: 'Theirs' })]);
    const answer = await api.request('GET', '/api/v2/outbound_emails', {
      token: account.ownerToken,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.outbound_emails).toEqual([
      {
        id: welcome.id,
        to: 'ann@acme.example',
        template_id: null,
        subject: 'Welcome',
        body: `Hello Ann,\nset your password at ${redactedSecret}\nBye`,
        status: 'queued',
        ticket_id: null,
        user_id: ann.id,
        attempts: 0,
        last_error: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        sent_at: null,
      },
    ]);
    expect(answer.text).not.toContain('{{portal.password_link}}');
    expect(answer.body.meta).toEqual({ has_more: false, after_cursor: null });
  });

  it('R5.3 shows a mail to a .invalid address as suppressed', async () => {
    const mail = queued(other.accountId, { to: 'nobody@customer.invalid' });
    await enqueue([mail]);
    const answer = await api.request('GET', '/api/v2/outbound_emails', {
      token: other.ownerToken,
    });
    expect(
      answer.body.outbound_emails.map((m: { to: string; status: string }) => [m.to, m.status]),
    ).toContainEqual(['nobody@customer.invalid', 'suppressed']);
  });

  it('pages with page[size] and page[after]', async () => {
    const third = await api.openAccount();
    const mails = [1, 2, 3].map((n) => queued(third.accountId, { subject: `Mail ${n}` }));
    await enqueue(mails);
    const first = await api.request('GET', '/api/v2/outbound_emails?page[size]=2', {
      token: third.ownerToken,
    });
    expect(first.body.outbound_emails.map((m: { subject: string }) => m.subject)).toEqual([
      'Mail 1',
      'Mail 2',
    ]);
    expect(first.body.meta.has_more).toBe(true);
    const next = new URL(first.body.links.next);
    const second = await api.request('GET', `${next.pathname}${next.search}`, {
      token: third.ownerToken,
    });
    expect(second.body.outbound_emails.map((m: { subject: string }) => m.subject)).toEqual([
      'Mail 3',
    ]);
    expect(second.body.links.next).toBeNull();
  });

  it('refuses a page size out of range with 400 naming the parameter', async () => {
    const answer = await api.request('GET', '/api/v2/outbound_emails?page[size]=101', {
      token: account.ownerToken,
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.details)).toEqual(['page[size]']);
  });

  it('is for admins: agents and end users are refused with 403, no token with 401', async () => {
    const agent = await api.addUser(account, { name: 'Carl', role: 'agent' });
    for (const token of [agent.token, ann.token])
      expect((await api.request('GET', '/api/v2/outbound_emails', { token })).body.error).toBe(
        'Forbidden',
      );
    expect((await api.request('GET', '/api/v2/outbound_emails')).status).toBe(401);
  });
});
