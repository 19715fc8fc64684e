import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

type User = Awaited<ReturnType<ApiHarness['addUser']>>;

export interface TicketDesk {
  readonly api: ApiHarness;
  readonly account: OpenedAccount;
  readonly agent: User;
  readonly ann: User;
  readonly bob: User;
  readonly fresh: (prefix: string) => string;
  readonly post: (
    ticket: Record<string, unknown>,
    token?: string,
  ) => ReturnType<ApiHarness['request']>;
  readonly put: (
    id: string,
    ticket: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ) => ReturnType<ApiHarness['request']>;
  /** a ticket of Ann's opened by the agent, with `ticket` overriding its fields */
  readonly open: (ticket?: Record<string, unknown>) => Promise<{ id: string; version: number }>;
  readonly organization: (name: string) => Promise<string>;
  /** the call is refused with `status` (and the detail), and the log did not change */
  readonly expectRefused: (
    call: () => ReturnType<ApiHarness['request']>,
    status: number,
    detail?: { path: string; rule?: string },
  ) => ReturnType<ApiHarness['request']>;
}

/**
 * The tickets routes' tests share this: an Enterprise account with multiple organizations, an
 * agent and two end users, over HTTP. Registers its own `beforeAll` and `afterAll`; the desk is
 * ready inside tests.
 */
export const ticketDeskSuite = (): TicketDesk => {
  const desk = {} as { -readonly [K in keyof TicketDesk]: TicketDesk[K] };
  let n = 0;
  beforeAll(async () => {
    const api = await startApi();
    const account = await api.openAccount('enterprise');
    await api.request('PUT', '/api/v2/account', {
      token: account.ownerToken,
      body: { account: { settings: { multiple_organizations: true } } },
    });
    const agent = await api.addUser(account, { name: 'Al', role: 'agent', email: 'al@acme.com' });
    const ann = await api.addUser(account, { name: 'Ann', email: 'ann@acme.com' });
    const bob = await api.addUser(account, { name: 'Bob', email: 'bob@acme.com' });
    const post: TicketDesk['post'] = (ticket, token = agent.token) =>
      api.request('POST', '/api/v2/tickets.json', { token, body: { ticket } });
    Object.assign(desk, {
      api,
      account,
      agent,
      ann,
      bob,
      fresh: (prefix: string) => `${prefix}${++n}`,
      post,
      put: (id, ticket, token = agent.token, headers = {}) =>
        api.request('PUT', `/api/v2/tickets/${id}.json`, { token, body: { ticket }, headers }),
      open: async (ticket = {}) => {
        const answer = await post({ subject: `Help ${++n}`, requester_id: ann.id, ...ticket });
        if (answer.status !== 201) throw new Error(answer.text);
        return answer.body.ticket as { id: string; version: number };
      },
      organization: async (name) =>
        (
          await api.request('POST', '/api/v2/organizations', {
            token: account.ownerToken,
            body: { organization: { name } },
          })
        ).body.organization.id as string,
      expectRefused: async (call, status, detail) => {
        const before = await api.eventCount();
        const answer = await call();
        expect([answer.status, answer.body.error]).toEqual([status, expect.any(String)]);
        if (detail !== undefined)
          expect(answer.body.details[detail.path]?.[0]).toMatchObject(
            detail.rule === undefined ? {} : { rule: detail.rule },
          );
        expect(await api.eventCount()).toBe(before);
        return answer;
      },
    } satisfies TicketDesk);
  });
  afterAll(() => desk.api?.close());
  return desk;
};
