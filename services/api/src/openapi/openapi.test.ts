import { startApi, type ApiHarness } from '../testing/api-harness';
import { servedRoutes } from '../testing/served-routes';

const methods = ['get', 'post', 'put', 'delete', 'patch'];

/** Every `METHOD /path` express serves, in OpenAPI's path syntax (`:id` -> `{id}`). */
const servedOperations = (app: ApiHarness['app']): string[] =>
  servedRoutes(app)
    .filter(({ method }) => methods.includes(method.toLowerCase()))
    .map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);

const documentedOperations = (document: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => methods.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );

/** Every `$ref` in the document points at something that exists in it. */
const danglingRefs = (document: unknown): string[] => {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else walk(value);
      }
  };
  walk(document);
  return refs.filter((ref) => {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        document,
      );
    return target === undefined;
  });
};

describe('GET /openapi.json, an OpenAPI 3.1 document of every route', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('documents every route express serves, and every documented route is served', async () => {
    const document = (await api.request('GET', '/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const served = servedOperations(api.app);
    const documented = documentedOperations(document);
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(documented)].sort()).toEqual([...new Set(served)].sort());
  });

  it('has no dangling $ref, and every operation names its success and its refusals', async () => {
    const document = (await api.request('GET', '/openapi.json')).body;
    expect(danglingRefs(document)).toEqual([]);
    for (const [path, item] of Object.entries(
      document.paths as Record<string, Record<string, { responses: object }>>,
    ))
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        expect([path, method, statuses.some((s) => s.startsWith('2'))]).toEqual([
          path,
          method,
          true,
        ]);
        // the portal's forms need no token (security: [])
        if (path.startsWith('/api/v2/') && !path.startsWith('/api/v2/portal/'))
          expect([path, method, statuses]).toEqual([path, method, expect.arrayContaining(['401'])]);
      }
  });
});

describe('without HELPDESK_OPERATOR_TOKEN', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ operatorToken: undefined });
  });
  afterAll(() => api.close());

  it('POST /api/v2/accounts does not exist (404), and is not documented', async () => {
    const answer = await api.request('POST', '/api/v2/accounts', {
      headers: { Authorization: 'Bearer anything' },
      body: { account: { name: 'X', plan: 'team', owner: { name: 'X', email: 'x@x.com' } } },
    });
    expect(answer.status).toBe(404);
    const document = (await api.request('GET', '/openapi.json')).body;
    expect(document.paths).not.toHaveProperty(['/api/v2/accounts']);
  });
});
