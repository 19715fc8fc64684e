import * as E from 'fp-ts/Either';
import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';

type User = Awaited<ReturnType<ApiHarness['addUser']>>;

export interface PortalDesk {
  readonly api: ApiHarness;
  readonly account: OpenedAccount;
  readonly agent: User;
  readonly fresh: (prefix: string) => string;
  /** a new end user with an address of their own (and an API token, unused by the portal) */
  readonly endUser: (fields?: Record<string, unknown>) => Promise<User & { email: string }>;
  /** mints the user's next password link as the mail sender does; `at` backdates it */
  readonly mintLink: (userId: string, at?: Date) => Promise<string>;
  readonly signIn: (
    email: string,
    password: string,
    accountId?: string,
  ) => Promise<Awaited<ReturnType<ApiHarness['request']>>>;
  readonly forgot: (
    email: string,
    accountId?: string,
  ) => Promise<Awaited<ReturnType<ApiHarness['request']>>>;
  readonly setPassword: (
    token: string,
    password: string,
  ) => Promise<Awaited<ReturnType<ApiHarness['request']>>>;
  /** an end user who set `password` through a link, signed in: their session token */
  readonly withPassword: (
    password: string,
    fields?: Record<string, unknown>,
  ) => Promise<User & { email: string; session: string }>;
  /** the events of a user's stream, oldest first */
  readonly userEvents: (
    userId: string,
  ) => Promise<ReadonlyArray<{ type: string; data: any; metadata: any }>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** the outbox's mails to a user, as admins see them */
  readonly mailsTo: (userId: string) => Promise<ReadonlyArray<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * The portal routes' tests share this: an account with an agent, over HTTP, and the sender's part
 * played by `mintLink`. Registers its own `beforeAll` and `afterAll`; the desk is ready inside tests.
 */
export const portalDeskSuite = (): PortalDesk => {
  const desk = {} as { -readonly [K in keyof PortalDesk]: PortalDesk[K] };
  let n = 0;
  beforeAll(async () => {
    const api = await startApi();
    const account = await api.openAccount();
    desk.api = api;
    desk.account = account;
    desk.fresh = (prefix) => `${prefix}-${++n}-${Date.now()}`;
    desk.agent = await api.addUser(account, { name: 'Al Agent', role: 'agent' });
    desk.endUser = async (fields = {}) => {
      const email = `${desk.fresh('ann')}@acme.example`;
      return { ...(await api.addUser(account, { name: 'Ann Lee', email, ...fields })), email };
    };
    desk.mintLink = async (userId, at = new Date()) => {
      const issued = await api.passwordResets.issue(account.accountId, userId, at)();
      if (E.isLeft(issued)) throw new Error(issued.left.message);
      return issued.right.token;
    };
    desk.signIn = (email, password, accountId = account.accountId) =>
      api.request('POST', `/api/v2/portal/session?account_id=${accountId}`, {
        body: { email, password },
      });
    desk.forgot = (email, accountId = account.accountId) =>
      api.request('POST', `/api/v2/portal/password/forgot?account_id=${accountId}`, {
        body: { email },
      });
    desk.setPassword = (token, password) =>
      api.request('POST', '/api/v2/portal/password/reset', { body: { token, password } });
    desk.withPassword = async (password, fields = {}) => {
      const user = await desk.endUser(fields);
      const set = await desk.setPassword(await desk.mintLink(user.id), password);
      if (set.status !== 204) throw new Error(`password not set: ${set.text}`);
      const signedIn = await desk.signIn(user.email, password);
      if (signedIn.status !== 200) throw new Error(`not signed in: ${signedIn.text}`);
      return { ...user, session: signedIn.body.token };
    };
    desk.userEvents = async (userId) => {
      const events = await api.store.readStream(`user-${userId}`)();
      if (E.isLeft(events)) throw new Error('store failed');
      return events.right.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
    };
    desk.mailsTo = async (userId) => {
      const listed = await api.request('GET', '/api/v2/outbound_emails?page[size]=100', {
        token: account.ownerToken,
      });
      if (listed.status !== 200) throw new Error(`outbox not listed: ${listed.text}`);
      return listed.body.outbound_emails.filter((m: { user_id: string }) => m.user_id === userId);
    };
  });
  afterAll(() => desk.api.close());
  return desk;
};
