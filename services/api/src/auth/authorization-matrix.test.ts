import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

/**
 * Who may call what (api.md, "Authentication" and the rules it cites): end users reach only their
 * own data, agents cannot manage the account, only the owner transfers ownership (R4.2) or reads
 * the subscription (R4.4), and nothing crosses accounts: another account's ids are not found.
 * Each cell acts on fresh records, so that no cell depends on another.
 */
type Role = 'owner' | 'admin' | 'agent' | 'endUser' | 'stranger';
const roles: ReadonlyArray<Role> = ['owner', 'admin', 'agent', 'endUser', 'stranger'];

interface Fixture {
  readonly api: ApiHarness;
  readonly account: OpenedAccount;
  readonly endUser: () => Promise<string>;
  readonly agent: () => Promise<string>;
  readonly admin: () => Promise<string>;
  readonly organization: () => Promise<string>;
  readonly ticket: () => Promise<string>;
  readonly integration: () => Promise<string>;
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

/** `-` where the role has no record of ours to reach (it acts on its own account): not a crossing. */
type Expected = Record<Role, number | '-'>;

interface Row {
  readonly name: string;
  readonly expected: Expected;
  readonly call: (fx: Fixture) => Promise<Call>;
}

const row = (name: string, expected: Expected, call: Row['call']): Row => ({
  name,
  expected,
  call,
});
const e = (
  owner: number,
  admin: number,
  agent: number,
  endUser: number,
  stranger: number | '-',
): Expected => ({
  owner,
  admin,
  agent,
  endUser,
  stranger,
});

let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}`;

/** R6.5, R6.6: an email template, a trigger or a macro of ours, created by the owner. */
const configured = async (fx: Fixture, path: string, body: unknown, key: string): Promise<string> =>
  (await fx.api.request('POST', path, { token: fx.account.ownerToken, body })).body[key].id;
const emailTemplate = (fx: Fixture) =>
  configured(
    fx,
    '/api/v2/email_templates',
    { email_template: { name: fresh('Template'), subject: 'Hi', body: 'Hi {{user.name}}' } },
    'email_template',
  );
const triggerBody = async (fx: Fixture) => ({
  trigger: {
    title: fresh('Trigger'),
    event: 'ticket_created',
    conditions: { all: [{ field: 'subject', operator: 'contains', value: 'vip' }] },
    actions: [{ type: 'email_requester', template_id: await emailTemplate(fx) }],
  },
});
const trigger = async (fx: Fixture) =>
  configured(fx, '/api/v2/triggers', await triggerBody(fx), 'trigger');
const macro = (fx: Fixture) =>
  configured(
    fx,
    '/api/v2/macros',
    { macro: { title: fresh('Macro'), body: 'Hi {{user.name}}' } },
    'macro',
  );

const rows: ReadonlyArray<Row> = [
  row('GET /account', e(200, 200, 200, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/account',
  })),
  row('PUT /account', e(200, 200, 403, 403, '-'), async () => ({
    method: 'PUT',
    path: '/api/v2/account',
    body: { account: { name: fresh('Acme') } },
  })),
  row('R4.4 GET /account/subscription', e(200, 403, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/account/subscription',
  })),
  row('POST /users', e(201, 201, 201, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/users',
    body: { user: { name: fresh('New') } },
  })),
  row('GET /users', e(200, 200, 200, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/users',
  })),
  row('GET /users/me', e(200, 200, 200, 200, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/users/me',
  })),
  row('GET /users/{end user}', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/users/${await fx.endUser()}`,
  })),
  row('PUT /users/{end user}', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/users/${await fx.endUser()}`,
    body: { user: { name: fresh('Renamed') } },
  })),
  row('PUT /users/{admin}', e(200, 200, 403, 404, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/users/${await fx.admin()}`,
    body: { user: { name: fresh('Renamed') } },
  })),
  row('DELETE /users/{end user}', e(200, 200, 200, 403, 404), async (fx) => ({
    method: 'DELETE',
    path: `/api/v2/users/${await fx.endUser()}`,
  })),
  row('POST /users/create_many', e(200, 200, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/users/create_many',
    body: { users: [{ name: fresh('Imported') }] },
  })),
  row('R1.4 GET /users/search', e(200, 200, 200, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/users/search?query=a',
  })),
  row('GET /users/{end user}/identities', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/users/${await fx.endUser()}/identities`,
  })),
  row('POST /users/{end user}/identities', e(201, 201, 201, 404, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/users/${await fx.endUser()}/identities`,
    body: { identity: { type: 'email', value: `${fresh('extra')}@acme.com` } },
  })),
  row('R3 PUT /users/{end user}/merge', e(200, 200, 200, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/users/${await fx.endUser()}/merge`,
    body: { user: { id: await fx.endUser() } },
  })),
  row('GET /users/{end user}/tickets/requested', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/users/${await fx.endUser()}/tickets/requested`,
  })),
  row('POST /users/{agent}/api_tokens', e(201, 201, 403, 403, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/users/${await fx.agent()}/api_tokens`,
  })),
  row('POST /users/me/api_tokens', e(201, 201, 201, 201, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/users/me/api_tokens',
  })),
  row('GET /users/me/api_tokens', e(200, 200, 200, 200, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/users/me/api_tokens',
  })),
  row('GET /users/{agent}/api_tokens', e(200, 200, 403, 403, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/users/${await fx.agent()}/api_tokens`,
  })),
  row('DELETE /users/{agent}/api_tokens/{its token}', e(204, 204, 403, 403, 404), async (fx) => {
    const agent = await fx.agent();
    const issued = await fx.api.request('POST', `/api/v2/users/${agent}/api_tokens`, {
      token: fx.account.ownerToken,
    });
    return {
      method: 'DELETE',
      path: `/api/v2/users/${agent}/api_tokens/${issued.body.api_token.id}`,
    };
  }),
  // the owner's token through `me`: only the owner finds it
  row('DELETE /users/me/api_tokens/{owner’s token}', e(204, 404, 404, 404, 404), async (fx) => {
    const issued = await fx.api.request('POST', '/api/v2/users/me/api_tokens', {
      token: fx.account.ownerToken,
    });
    return { method: 'DELETE', path: `/api/v2/users/me/api_tokens/${issued.body.api_token.id}` };
  }),
  row('POST /organizations', e(201, 201, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/organizations',
    body: { organization: { name: fresh('Org') } },
  })),
  row('GET /organizations/{id}', e(200, 200, 200, 403, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/organizations/${await fx.organization()}`,
  })),
  row('PUT /organizations/{id}', e(200, 200, 403, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/organizations/${await fx.organization()}`,
    body: { organization: { name: fresh('Org renamed') } },
  })),
  row('R2.9 DELETE /organizations/{id}', e(204, 204, 403, 403, 404), async (fx) => ({
    method: 'DELETE',
    path: `/api/v2/organizations/${await fx.organization()}`,
  })),
  row('POST /organization_memberships', e(201, 201, 201, 403, 404), async (fx) => ({
    method: 'POST',
    path: '/api/v2/organization_memberships',
    body: {
      organization_membership: {
        user_id: await fx.endUser(),
        organization_id: await fx.organization(),
      },
    },
  })),
  row('GET /users/{end user}/organization_memberships', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/users/${await fx.endUser()}/organization_memberships`,
  })),
  row('POST /tickets', e(201, 201, 201, 403, 404), async (fx) => ({
    method: 'POST',
    path: '/api/v2/tickets',
    body: { ticket: { subject: fresh('Help'), requester_id: await fx.endUser() } },
  })),
  row('GET /tickets/{id}', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/tickets/${await fx.ticket()}`,
  })),
  row('R1.1 PUT /tickets/{id}', e(200, 200, 200, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/tickets/${await fx.ticket()}`,
    body: { ticket: { requester_id: await fx.endUser() } },
  })),
  row('R1.3 GET /tickets/{id}/audits', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/tickets/${await fx.ticket()}/audits`,
  })),
  row('GET /tickets/{id}/replay', e(200, 200, 200, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/tickets/${await fx.ticket()}/replay`,
  })),
  row('POST /tickets/{id}/replies', e(201, 201, 201, 404, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/tickets/${await fx.ticket()}/replies`,
    body: { reply: { body: fresh('Reply') } },
  })),
  row('R4.5 POST /integrations', e(201, 403, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/integrations',
    body: { integration: { name: fresh('Integration') } },
  })),
  row('GET /integrations', e(200, 200, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/integrations',
  })),
  row('R4.5 PUT /integrations/{id}/authorize', e(200, 403, 403, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/integrations/${await fx.integration()}/authorize`,
  })),
  row('GET /events', e(200, 200, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/events?limit=1',
  })),
  row('GET /outbound_emails', e(200, 200, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/outbound_emails',
  })),
  row('GET /channels/email', e(200, 200, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/channels/email',
  })),
  row('POST /channels/email/inbound_key', e(201, 201, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/channels/email/inbound_key',
  })),
  row('POST /channels/email/inbound', e(201, 201, 403, 403, '-'), async (fx) => {
    const address = `${fresh('sender')}@acme.com`;
    await fx.api.addUser(fx.account, { name: fresh('Sender'), email: address });
    return {
      method: 'POST',
      path: '/api/v2/channels/email/inbound',
      body: { from: { address }, subject: fresh('Mail'), text: 'Hello', message_id: fresh('m') },
    };
  }),
  row('R6.7 POST /users/{end user}/password/reset', e(202, 202, 202, 404, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/users/${await fx.endUser()}/password/reset`,
  })),
  row('R6.7 POST /users/{admin}/password/reset', e(422, 422, 422, 404, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/users/${await fx.admin()}/password/reset`,
  })),
  row('R6.9 GET /requests', e(200, 200, 200, 200, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/requests',
  })),
  row('R6.9 POST /requests', e(201, 201, 201, 201, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/requests',
    body: { request: { subject: fresh('Portal'), comment: { body: 'Help' } } },
  })),
  row('R6.9 GET /requests/{id}', e(404, 404, 404, 404, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/requests/${await fx.ticket()}`,
  })),
  row('R6.2 POST /email_templates', e(201, 201, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/email_templates',
    body: { email_template: { name: fresh('Template'), subject: 'Hi', body: 'Hello' } },
  })),
  row('GET /email_templates', e(200, 200, 403, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/email_templates',
  })),
  row('PUT /email_templates/{id}', e(200, 200, 403, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/email_templates/${await emailTemplate(fx)}`,
    body: { email_template: { name: fresh('Renamed') } },
  })),
  row('DELETE /email_templates/{id}', e(204, 204, 403, 403, 404), async (fx) => ({
    method: 'DELETE',
    path: `/api/v2/email_templates/${await emailTemplate(fx)}`,
  })),
  row('R6.5 POST /triggers', e(201, 201, 403, 403, '-'), async (fx) => ({
    method: 'POST',
    path: '/api/v2/triggers',
    body: await triggerBody(fx),
  })),
  row('GET /triggers/{id}', e(200, 200, 403, 403, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/triggers/${await trigger(fx)}`,
  })),
  row('R6.5 PUT /triggers/{id}', e(200, 200, 403, 403, 404), async (fx) => ({
    method: 'PUT',
    path: `/api/v2/triggers/${await trigger(fx)}`,
    body: { trigger: { active: false } },
  })),
  row('DELETE /triggers/{id}', e(204, 204, 403, 403, 404), async (fx) => ({
    method: 'DELETE',
    path: `/api/v2/triggers/${await trigger(fx)}`,
  })),
  row('R6.6 POST /macros', e(201, 201, 403, 403, '-'), async () => ({
    method: 'POST',
    path: '/api/v2/macros',
    body: { macro: { title: fresh('Macro'), body: 'Hello' } },
  })),
  row('R6.6 GET /macros', e(200, 200, 200, 403, '-'), async () => ({
    method: 'GET',
    path: '/api/v2/macros',
  })),
  row('GET /macros/{id}', e(200, 200, 200, 403, 404), async (fx) => ({
    method: 'GET',
    path: `/api/v2/macros/${await macro(fx)}`,
  })),
  row('DELETE /macros/{id}', e(204, 204, 403, 403, 404), async (fx) => ({
    method: 'DELETE',
    path: `/api/v2/macros/${await macro(fx)}`,
  })),
  row('R6.6 POST /tickets/{id}/replies with a macro', e(201, 201, 201, 403, 404), async (fx) => ({
    method: 'POST',
    path: `/api/v2/tickets/${await fx.ticket()}/replies`,
    body: { reply: { macro_id: await macro(fx) } },
  })),
  // last: the owner's cell hands the account over, which would change every owner cell after it
  row('R4.2 PUT /account/owner', e(200, 403, 403, 403, 404), async (fx) => ({
    method: 'PUT',
    path: '/api/v2/account/owner',
    body: { owner: { user_id: await fx.admin() } },
  })),
];

describe('authorization matrix: role by route, with a token of a second account', () => {
  let api: ApiHarness;
  let fx: Fixture;
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    api = await startApi();
    const account = await api.openAccount('team');
    const stranger = await api.openAccount('team', 'Other Co');
    const create = async (user: Record<string, unknown>) =>
      (await api.addUser(account, { name: fresh('User'), ...user })).id;
    fx = {
      api,
      account,
      endUser: () => create({ email: `${fresh('user')}@acme.com` }),
      agent: () => create({ role: 'agent' }),
      admin: () => create({ role: 'admin' }),
      organization: async () =>
        (
          await api.request('POST', '/api/v2/organizations', {
            token: account.ownerToken,
            body: { organization: { name: fresh('Organization') } },
          })
        ).body.organization.id,
      ticket: async () =>
        (
          await api.request('POST', '/api/v2/tickets', {
            token: account.ownerToken,
            body: { ticket: { subject: fresh('Ticket'), requester_id: await fx.endUser() } },
          })
        ).body.ticket.id,
      integration: async () =>
        (
          await api.request('POST', '/api/v2/integrations', {
            token: account.ownerToken,
            body: { integration: { name: fresh('Connected') } },
          })
        ).body.integration.id,
    };
    const tokenOf = async (user: Record<string, unknown>) => {
      const created = await api.addUser(account, { name: fresh('Caller'), ...user });
      return created.token;
    };
    tokens = {
      owner: account.ownerToken,
      admin: await tokenOf({ role: 'admin' }),
      agent: await tokenOf({ role: 'agent' }),
      endUser: await tokenOf({ email: `${fresh('caller')}@acme.com` }),
      stranger: stranger.ownerToken,
    };
  });
  afterAll(() => api.close());

  for (const { name, expected, call } of rows)
    for (const role of roles) {
      const status = expected[role];
      if (status === '-') continue;
      it(`${name} as ${role}: ${status}`, async () => {
        const { method, path, body } = await call(fx);
        const before = await api.eventCount();
        const answer = await api.request(method, path, {
          token: tokens[role],
          ...(body === undefined ? {} : { body }),
        });
        expect([answer.status, answer.status >= 400 ? answer.body.error : 'ok']).toEqual([
          status,
          expect.any(String),
        ]);
        // a refused request appends no event
        if (status >= 400) expect(await api.eventCount()).toBe(before);
      });
    }
});
