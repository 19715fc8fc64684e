import type { Random } from './random';

/** One request of the fuzz test: sent by `node:http` as it is, or written raw on a socket. */
export type FuzzRequest =
  | {
      readonly kind: 'http';
      readonly method: string;
      readonly path: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Buffer | undefined;
    }
  | { readonly kind: 'raw'; readonly bytes: Buffer };

/** A route as express serves it, and the ids and tokens a request may use. */
export interface FuzzTarget {
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string }>;
  /** ids of the caller's account, of another account, and none at all */
  readonly ids: ReadonlyArray<string>;
  readonly tokens: ReadonlyArray<string>;
  readonly emails: ReadonlyArray<string>;
}

const oddMethods = ['PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH'];
const badSegments = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '😀',
  'a'.repeat(3000),
  '12345',
  '-1',
  'null',
  '%22%3Cscript%3E',
];

/** A value of any JSON type, sometimes large, sometimes nested. */
const randomJson = (r: Random, depth = 0): unknown => {
  switch (r.int(depth > 3 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 42]);
    case 3:
      return r.string(r.int(20));
    case 4:
      return r.chance(0.05)
        ? r.string(100_000)
        : r.pick(['', ' ', 'open', 'closed', '@', 'a@b.co']);
    case 5:
      return r.pick(['2024-01-01T00:00:00Z', '\u0000', '\ud800', 'R1.1', '../../']);
    case 6:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [r.string(1 + r.int(8)), randomJson(r, depth + 1)]),
      );
  }
};

/** A plausible body for the route, so that many requests reach the handlers and their rules. */
const templateFor = (r: Random, path: string, target: FuzzTarget): Record<string, unknown> => {
  const id = () => r.pick(target.ids);
  const email = () =>
    r.chance(0.5) ? r.pick(target.emails) : `${r.string(6, 'abcxyz')}@fuzz.example`;
  if (path.includes('/merge')) return { user: { id: id() } };
  if (path.includes('/replies')) return { reply: { body: r.string(10), public: r.chance(0.5) } };
  if (path.includes('/identities'))
    return {
      identity: { type: r.pick(['email', 'twitter', 'phone_number', 'fax']), value: email() },
    };
  if (path.includes('organization_memberships'))
    return {
      organization_membership: { user_id: id(), organization_id: id(), default: r.chance(0.5) },
    };
  if (path.includes('/organizations'))
    return { organization: { name: r.string(8), domain_names: [`${r.string(5, 'abc')}.com`] } };
  if (path.includes('/tickets'))
    return {
      ticket: {
        subject: r.string(12),
        requester_id: id(),
        comment: { body: r.string(20) },
        status: r.pick(['new', 'open', 'pending', 'solved', 'closed', 'lost']),
        email_ccs: [{ user_id: id() }, { user_email: email() }],
        organization_id: id(),
        via: { channel: r.pick(['api', 'web', 'email']) },
      },
    };
  if (path.includes('/integrations')) return { integration: { name: r.string(8) } };
  if (path.includes('/account/owner')) return { owner: { user_id: id() } };
  if (path.endsWith('/accounts'))
    return { account: { name: r.string(8), plan: 'team', owner: { name: 'X', email: email() } } };
  if (path.includes('/account'))
    return { account: { name: r.string(8), settings: { multiple_organizations: r.chance(0.5) } } };
  if (path.includes('create_many'))
    return {
      users: Array.from({ length: 1 + r.int(3) }, () => ({ name: r.string(6), email: email() })),
    };
  return {
    user: {
      name: r.string(8),
      email: email(),
      role: r.pick(['end-user', 'agent', 'admin', 'god']),
    },
  };
};

/** Replaces, removes and adds fields at random, at any depth. */
const mutate = (r: Random, value: unknown, depth = 0): unknown => {
  if (r.chance(0.08)) return randomJson(r, depth);
  if (Array.isArray(value)) return value.map((v) => mutate(r, v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(() => !r.chance(0.1));
  if (r.chance(0.1))
    entries.push([r.pick(['__proto__', 'constructor', 'extra', '']), randomJson(r)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, mutate(r, v, depth + 1)]));
};

const deeplyNested = (r: Random): string => {
  const depth = r.pick([33, 100, 10_000, 200_000]);
  return r.chance(0.5)
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
};

const bodyFor = (r: Random, path: string, target: FuzzTarget): Buffer | undefined => {
  const template = () => JSON.stringify(mutate(r, templateFor(r, path, target)));
  switch (r.int(12)) {
    case 0:
      return undefined;
    case 1:
      return Buffer.from(JSON.stringify(randomJson(r)));
    case 2:
      return Buffer.from(deeplyNested(r));
    case 3:
      return Buffer.alloc(r.pick([1024 * 1024 + 1, 3 * 1024 * 1024]), 0x20);
    case 4:
      return Buffer.concat([
        Buffer.from('{"user":{"name":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"}}'),
      ]);
    case 5:
      return Buffer.from(template().slice(0, r.int(40)));
    case 6:
      return Buffer.from(
        r.pick(['', 'null', '0', '"x"', '[]', '{}', 'undefined', 'NaN', '\ufeff{}']),
      );
    case 7:
      return Buffer.from(`name=${r.string(8)}&email=a%40b.co`);
    default:
      return Buffer.from(template());
  }
};

const pathFor = (r: Random, template: string, target: FuzzTarget): string => {
  const filled = template.replace(/:(\w+)/g, () =>
    r.chance(0.8) ? r.pick(target.ids) : encodeURIComponent(r.pick(badSegments)),
  );
  const suffixed = r.chance(0.3) ? `${filled}.json` : filled;
  if (!r.chance(0.3)) return suffixed;
  const params = Array.from({ length: 1 + r.int(3) }, () =>
    r.pick([
      `page[size]=${r.pick(['1', '0', '101', '-5', 'abc', '1e3', '100'])}`,
      `page[after]=${r.pick(['', 'cDox', 'zzz', '%FF', r.string(50, 'abc')])}`,
      `query=${encodeURIComponent(r.string(r.int(30)))}`,
      `role=${r.pick(['agent', 'boss', ''])}`,
      'page[size]=1&page[size]=2',
      '%ZZ=1',
    ]),
  );
  return `${suffixed}?${params.join('&')}`;
};

const headerValue = (r: Random, length: number): string =>
  r.string(length, 'abcdefXYZ0123456789 -_./:;,"=\u00e9\u00ff');

const headersFor = (r: Random, target: FuzzTarget, body: Buffer | undefined) => {
  const headers: Record<string, string> = {};
  const auth = r.int(10);
  if (auth < 6) headers['Authorization'] = `Bearer ${r.pick(target.tokens)}`;
  else if (auth === 6)
    headers['Authorization'] =
      `Basic ${Buffer.from(`${r.pick(target.emails)}/token:${r.pick(target.tokens)}`).toString('base64')}`;
  else if (auth === 7)
    headers['Authorization'] = r.pick([
      'Basic %%%',
      'Bearer',
      'Digest x',
      `Bearer ${headerValue(r, 40)}`,
    ]);
  if (body !== undefined || r.chance(0.2))
    headers['Content-Type'] = r.pick([
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      headerValue(r, 10),
    ]);
  if (r.chance(0.1))
    headers['Idempotency-Key'] = r.chance(0.5)
      ? r.string(8, 'abc123')
      : headerValue(r, r.pick([0, 300]));
  if (r.chance(0.1))
    headers['If-Match'] = r.pick([
      '"0"',
      '"1"',
      '*',
      'W/"2"',
      '"99999999999999999999"',
      headerValue(r, 5),
    ]);
  if (r.chance(0.1)) headers['X-Request-Id'] = headerValue(r, r.pick([5, 200]));
  if (r.chance(0.05))
    headers['Content-Encoding'] = r.pick(['gzip', 'br', 'deflate', 'zstd', 'identity']);
  if (r.chance(0.05)) headers['Accept'] = headerValue(r, 12);
  return headers;
};

const rawRequests = [
  'GET / HTTP/1.1\r\n\r\n',
  'GARBAGE\r\n\r\n',
  'GET /api/v2/users HTTP/9.9\r\nHost: x\r\n\r\n',
  'POST /api/v2/users HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /api/v2/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"ticket":',
  'GET /api/v2/users HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
  `GET /api/v2/users HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  'POST /api/v2/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n',
  '\u0000\u0001\u0002\r\n\r\n',
];

/** The `n`th request of a run: mostly routes the app serves, some anywhere, a few raw bytes. */
export const fuzzRequest = (r: Random, target: FuzzTarget): FuzzRequest => {
  if (r.chance(0.02)) return { kind: 'raw', bytes: Buffer.from(r.pick(rawRequests), 'latin1') };
  const known = r.chance(0.85);
  const route = r.pick(target.routes);
  const template = known
    ? route.path
    : `/api/v2/${r.pick(['', 'x', 'tickets/x/y', 'users/me/../..', '..'])}${r.string(r.int(10), 'ab/%.')}`;
  const method = r.chance(0.85) ? route.method : r.pick(oddMethods);
  const body =
    method === 'GET' || method === 'HEAD'
      ? r.chance(0.1)
        ? bodyFor(r, template, target)
        : undefined
      : bodyFor(r, template, target);
  return {
    kind: 'http',
    method,
    path: pathFor(r, template, target),
    headers: headersFor(r, target, body),
    body,
  };
};
