import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

const credentials = {
  name: 'Portal credentials',
  subject: 'Your access, {{user.name}}',
  body: 'Sign in at {{portal.url}} as {{portal.username}}: {{portal.password_link}}',
};

describe('email templates, triggers and macros over HTTP (R6.2, R6.5, R6.6)', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  let agent: { id: string; token: string };
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
    agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
  });
  afterAll(() => api.close());

  const as = (token: string) => ({
    post: (path: string, body: unknown) => api.request('POST', path, { token, body }),
    put: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      api.request('PUT', path, { token, body, headers }),
    get: (path: string) => api.request('GET', path, { token }),
    delete: (path: string) => api.request('DELETE', path, { token }),
  });
  const owner = () => as(account.ownerToken);

  const template = async (content = credentials) => {
    const created = await owner().post('/api/v2/email_templates', { email_template: content });
    expect(created.status).toBe(201);
    return created.body.email_template.id as string;
  };

  const portalTrigger = (templateId: string) => ({
    trigger: {
      title: 'Portal credentials',
      event: 'ticket_created',
      conditions: { all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }] },
      actions: [
        { type: 'email_requester', template_id: templateId },
        { type: 'add_tag', tag: 'Portal Access' },
      ],
    },
  });

  describe('R6.2 R6.5 /email_templates', () => {
    it('an admin writes, reads and changes one; the answer is the template as written', async () => {
      const created = await owner().post('/api/v2/email_templates', {
        email_template: credentials,
      });
      expect([created.status, created.headers.get('etag')]).toEqual([201, '"0"']);
      expect(created.body.email_template).toMatchObject(credentials);
      const id = created.body.email_template.id;
      const changed = await owner().put(`/api/v2/email_templates/${id}`, {
        email_template: { name: 'Credentials' },
      });
      expect([changed.status, changed.headers.get('etag')]).toEqual([200, '"1"']);
      expect(changed.body.email_template).toMatchObject({
        name: 'Credentials',
        body: credentials.body,
      });
      const stale = await owner().put(
        `/api/v2/email_templates/${id}`,
        { email_template: { name: 'Stale' } },
        { 'If-Match': '"0"' },
      );
      expect(stale.status).toBe(412);
      const listed = await owner().get('/api/v2/email_templates');
      expect(listed.body.email_templates.map((t: { id: string }) => t.id)).toContain(id);
      expect((await owner().get(`/api/v2/email_templates/${id}`)).body.email_template.name).toBe(
        'Credentials',
      );
    });

    it('refuses agents (403), a snippet nobody can fill (R6.2) and a password snippet (R6.8), appending nothing', async () => {
      const before = await api.eventCount();
      const byAgent = await as(agent.token).post('/api/v2/email_templates', {
        email_template: credentials,
      });
      expect(byAgent.status).toBe(403);
      const unknown = await owner().post('/api/v2/email_templates', {
        email_template: { ...credentials, body: 'Hi {{user.shoe_size}}' },
      });
      expect([unknown.status, unknown.body.details.email_template[0].rule]).toEqual([422, 'R6.2']);
      const password = await owner().post('/api/v2/email_templates', {
        email_template: { ...credentials, body: 'Your password: {{portal.password}}' },
      });
      expect([password.status, password.body.details.email_template[0].rule]).toEqual([
        422,
        'R6.8',
      ]);
      const malformed = await owner().post('/api/v2/email_templates', {
        email_template: { name: 'x', subject: 7 },
      });
      expect([malformed.status, Object.keys(malformed.body.details).sort()]).toEqual([
        400,
        ['email_template.body', 'email_template.subject'],
      ]);
      expect(await api.eventCount()).toBe(before);
    });

    it('R6.5 refuses removing one a trigger mails from; once the trigger is gone, it goes', async () => {
      const templateId = await template();
      const trigger = await owner().post('/api/v2/triggers', portalTrigger(templateId));
      expect(trigger.status).toBe(201);
      const refused = await owner().delete(`/api/v2/email_templates/${templateId}`);
      expect([refused.status, refused.body.details.email_template[0].rule]).toEqual([422, 'R6.5']);
      expect((await owner().delete(`/api/v2/triggers/${trigger.body.trigger.id}`)).status).toBe(
        204,
      );
      expect((await owner().delete(`/api/v2/email_templates/${templateId}`)).status).toBe(204);
      expect((await owner().get(`/api/v2/email_templates/${templateId}`)).status).toBe(404);
    });

    it('R6.2 refuses removing the welcome email’s template', async () => {
      const templateId = await template();
      const settings = await owner().put('/api/v2/account', {
        account: { settings: { welcome_email: { enabled: true, template_id: templateId } } },
      });
      expect(settings.status).toBe(200);
      const refused = await owner().delete(`/api/v2/email_templates/${templateId}`);
      expect([refused.status, refused.body.details.email_template[0].rule]).toEqual([422, 'R6.2']);
    });
  });

  describe('R6.5 /triggers', () => {
    it('an admin sets one up: active, after the others, tags normalised; then changes and lists it', async () => {
      const templateId = await template();
      const first = await owner().post('/api/v2/triggers', portalTrigger(templateId));
      const second = await owner().post('/api/v2/triggers', portalTrigger(templateId));
      expect(second.status).toBe(201);
      expect(second.body.trigger).toMatchObject({
        title: 'Portal credentials',
        active: true,
        position: first.body.trigger.position + 1,
        event: 'ticket_created',
        conditions: {
          all: [{ field: 'subject', operator: 'is', value: '[Portal credentials]' }],
          any: [],
        },
        actions: [
          { type: 'email_requester', template_id: templateId },
          { type: 'add_tag', tag: 'portal_access' },
        ],
        stop_processing: false,
      });
      const id = second.body.trigger.id;
      const changed = await owner().put(`/api/v2/triggers/${id}`, {
        trigger: { active: false, position: 9, stop_processing: true },
      });
      expect([changed.status, changed.headers.get('etag')]).toEqual([200, '"3"']);
      expect(changed.body.trigger).toMatchObject({
        active: false,
        position: 9,
        stop_processing: true,
      });
      const listed = await owner().get('/api/v2/triggers');
      expect(listed.body.triggers.map((t: { id: string }) => t.id)).toEqual(
        expect.arrayContaining([first.body.trigger.id, id]),
      );
      expect((await as(agent.token).get('/api/v2/triggers')).status).toBe(403);
    });

    it('refuses mail from a template that is not there, a trigger without conditions, a condition that cannot hold (R6.5), appending nothing', async () => {
      const templateId = await template();
      const before = await api.eventCount();
      const missing = portalTrigger('00000000-0000-4000-8000-000000000999');
      const noTemplate = await owner().post('/api/v2/triggers', missing);
      expect([noTemplate.status, noTemplate.body.details.trigger[0].rule]).toEqual([422, 'R6.5']);
      const noConditions = await owner().post('/api/v2/triggers', {
        trigger: { ...portalTrigger(templateId).trigger, conditions: {} },
      });
      expect([noConditions.status, noConditions.body.details.trigger[0].rule]).toEqual([
        422,
        'R6.5',
      ]);
      const containsStatus = await owner().post('/api/v2/triggers', {
        trigger: {
          ...portalTrigger(templateId).trigger,
          conditions: { all: [{ field: 'status', operator: 'contains', value: 'open' }] },
        },
      });
      expect(containsStatus.body.details.trigger[0]).toMatchObject({ rule: 'R6.5' });
      const badAction = await owner().post('/api/v2/triggers', {
        trigger: { ...portalTrigger(templateId).trigger, actions: [{ type: 'delete_ticket' }] },
      });
      expect(badAction.status).toBe(400);
      expect(await api.eventCount()).toBe(before);
    });
  });

  describe('R6.6 /macros and replies with macro_id', () => {
    let ticketId: string;
    let macroId: string;
    let requester: { id: string; token: string };
    beforeAll(async () => {
      await owner().put('/api/v2/account', {
        account: { settings: { portal_url: 'https://help.acme.com' } },
      });
      requester = await api.addUser(account, { name: 'Ann', email: 'ann@customer.com' });
      ticketId = await api.openTicket(account, requester.id, 'Cannot sign in');
      const created = await owner().post('/api/v2/macros', {
        macro: {
          title: 'Portal access',
          body: 'Hello {{user.name}}, sign in at {{portal.url}} as {{portal.username}}: {{portal.password_link}}',
          actions: [
            { type: 'set_status', status: 'pending' },
            { type: 'add_tag', tag: 'portal' },
          ],
        },
      });
      expect(created.status).toBe(201);
      macroId = created.body.macro.id;
    });

    it('admins write macros, the team reads them', async () => {
      expect((await as(agent.token).get('/api/v2/macros')).body.macros).toEqual([
        expect.objectContaining({ id: macroId, title: 'Portal access' }),
      ]);
      expect((await as(agent.token).get(`/api/v2/macros/${macroId}`)).status).toBe(200);
      expect((await as(requester.token).get('/api/v2/macros')).status).toBe(403);
      const byAgent = await as(agent.token).post('/api/v2/macros', {
        macro: { title: 'Mine', body: 'Hi' },
      });
      expect(byAgent.status).toBe(403);
    });

    it('an agent applies one: the reply is filled for the requester, the link redacted, the macro’s actions done', async () => {
      const replied = await as(agent.token).post(`/api/v2/tickets/${ticketId}/replies`, {
        reply: { macro_id: macroId },
      });
      expect(replied.status).toBe(201);
      expect(replied.body.comment).toMatchObject({
        author_id: agent.id,
        public: true,
        body: 'Hello Ann, sign in at https://help.acme.com as ann@customer.com: [single-use link, sent by email only]',
      });
      expect(replied.body.ticket).toMatchObject({ id: ticketId, status: 'pending' });
    });

    it('refuses an end user (403 R6.6), a body with a macro_id or neither (400), an unknown macro (404); appends nothing', async () => {
      const before = await api.eventCount();
      const path = `/api/v2/tickets/${ticketId}/replies`;
      const byRequester = await as(requester.token).post(path, { reply: { macro_id: macroId } });
      expect([byRequester.status, byRequester.body.details.base?.[0]?.rule]).toEqual([403, 'R6.6']);
      const both = await as(agent.token).post(path, { reply: { macro_id: macroId, body: 'Hi' } });
      expect([both.status, Object.keys(both.body.details)]).toEqual([400, ['reply.body']]);
      const neither = await as(agent.token).post(path, { reply: { public: true } });
      expect(neither.status).toBe(400);
      const unknown = await as(agent.token).post(path, {
        reply: { macro_id: '00000000-0000-4000-8000-000000000999' },
      });
      expect(unknown.status).toBe(404);
      expect(await api.eventCount()).toBe(before);
    });
  });
});
