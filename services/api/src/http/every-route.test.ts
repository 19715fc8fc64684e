import { startApi, type ApiHarness, type OpenedAccount } from '../testing/api-harness';
import { servedRoutes } from '../testing/served-routes';

/** Every API route express serves, as method and path pattern. */
const apiOperations = (api: ApiHarness) =>
  servedRoutes(api.app)
    .filter(({ path }) => path.startsWith('/api/v2/'))
    .map(({ method, path }) => ({
      method,
      path,
      params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
    }));

/** The portal's forms answer without a token (routes/portal.ts, `publicRoute`). */
const isPublic = (path: string) => path.startsWith('/api/v2/portal/');

const withParams = (path: string, value: (name: string) => string) =>
  path.replace(/:(\w+)/g, (_, name: string) => value(name));

describe('every API route', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi();
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  it('answers 401 without a token, and appends nothing', async () => {
    const before = await api.eventCount();
    const operations = apiOperations(api);
    expect(operations.length).toBeGreaterThan(30);
    for (const { method, path } of operations.filter((o) => !isPublic(o.path))) {
      const answer = await api.request(
        method,
        withParams(path, () => account.ownerId),
        method === 'GET' ? {} : { body: {} },
      );
      expect([method, path, answer.status, answer.body.error]).toEqual([
        method,
        path,
        401,
        'Unauthorized',
      ]);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses ids that are not UUIDs with 400 naming each path parameter, and appends nothing', async () => {
    const before = await api.eventCount();
    for (const { method, path, params } of apiOperations(api).filter((o) => o.params.length > 0)) {
      const answer = await api.request(
        method,
        withParams(path, () => 'not-a-uuid'),
        { token: account.ownerToken, ...(method === 'GET' ? {} : { body: {} }) },
      );
      expect([method, path, answer.status, Object.keys(answer.body.details ?? {}).sort()]).toEqual([
        method,
        path,
        400,
        [...params].sort(),
      ]);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('finds nothing under another account’s ids (404), and appends nothing', async () => {
    const other = await api.openAccount();
    const before = await api.eventCount();
    const theirs = (name: string) =>
      name === 'userId' || name === 'id' ? other.ownerId : other.defaultOrganizationId;
    const unreachable = apiOperations(api).filter(
      (o) => o.params.length > 0 && !o.path.endsWith('/api_tokens') && !o.path.endsWith('/merge'),
    );
    for (const { method, path } of unreachable) {
      const answer = await api.request(method, withParams(path, theirs), {
        token: account.ownerToken,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: bodyFor(path) }),
      });
      expect([method, path, answer.status]).toEqual([method, path, 404]);
    }
    expect(await api.eventCount()).toBe(before);
  });
});

/** A body each write route accepts, so that only the id can be wrong. */
const bodyFor = (path: string): unknown => {
  if (path.includes('/identities')) return { identity: { type: 'twitter', value: '@someone' } };
  if (path.startsWith('/api/v2/organizations')) return { organization: { name: 'Renamed' } };
  if (path.endsWith('/replies')) return { reply: { body: 'Hello' } };
  if (path.startsWith('/api/v2/email_templates')) return { email_template: { name: 'Renamed' } };
  if (path.startsWith('/api/v2/triggers')) return { trigger: { title: 'Renamed' } };
  if (path.startsWith('/api/v2/macros')) return { macro: { title: 'Renamed' } };
  if (path.startsWith('/api/v2/tickets')) return { ticket: { status: 'open' } };
  return { user: { name: 'Renamed' } };
};
