import {
  startApi,
  type ApiHarness,
  type OpenedAccount,
  operatorToken,
} from '../testing/api-harness';

/** api.md "Conventions": errors, suffixes, request ids, logs and idempotency, over HTTP. */
describe('HTTP conventions', () => {
  let api: ApiHarness;
  let account: OpenedAccount;
  beforeAll(async () => {
    api = await startApi({ bodyLimitBytes: 64 * 1024 });
    account = await api.openAccount();
  });
  afterAll(() => api.close());

  const postUser = (raw: string | Buffer, headers: Record<string, string> = {}) =>
    api.request('POST', '/api/v2/users', {
      token: account.ownerToken,
      raw,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  describe('refusals of bad input (never a 5xx, never a stack, no event appended)', () => {
    it('answers malformed JSON with 400 InvalidJSON', async () => {
      const before = await api.eventCount();
      const answer = await postUser('{"user": {"name": ');
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: 'InvalidJSON',
        description: expect.any(String),
        details: {},
      });
      expect(await api.eventCount()).toBe(before);
    });

    it('refuses deeply nested JSON before decoding it', async () => {
      const answer = await postUser(`{"user": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('InvalidJSON');
    });

    it('answers a body over the limit with 413', async () => {
      const answer = await postUser(JSON.stringify({ user: { name: 'x'.repeat(100 * 1024) } }));
      expect(answer.status).toBe(413);
      expect(answer.body.error).toBe('PayloadTooLarge');
    });

    it('answers a body of the wrong shape with 400 InvalidInput naming each bad field', async () => {
      const answer = await postUser(
        JSON.stringify({ user: { name: 7, role: 'boss', tags: 'vip' } }),
      );
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.details).sort()).toEqual([
        'user.name',
        'user.role',
        'user.tags',
      ]);
      expect(answer.text).not.toMatch(/\n\s+at /);
    });

    it('answers a badly escaped path with 400 and an unknown route with 404 RecordNotFound', async () => {
      const escaped = await api.request('GET', '/api/v2/users/%E0%A4%A', {
        token: account.ownerToken,
      });
      expect(escaped.status).toBe(400);
      expect(escaped.text).not.toContain('URIError');
      const unknown = await api.request('GET', '/api/v2/nothing/here', {
        token: account.ownerToken,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('RecordNotFound');
    });
  });

  describe('authentication', () => {
    it('answers no token or an unknown one with 401 and a challenge', async () => {
      const none = await api.request('GET', '/api/v2/users/me');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect((await api.request('GET', '/api/v2/users/me', { token: 'hd_unknown' })).status).toBe(
        401,
      );
      const garbled = await api.request('GET', '/api/v2/users/me', {
        headers: { Authorization: 'Bearer' },
      });
      expect(garbled.status).toBe(401);
    });

    it('accepts Basic "{email}/token" with the token, as Zendesk clients send it; never another email or a password', async () => {
      const basic = (user: string, secret: string) =>
        `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
      const me = await api.request('GET', '/api/v2/users/me', { token: account.ownerToken });
      const email: string = me.body.user.email;
      const ok = await api.request('GET', '/api/v2/users/me', {
        headers: { Authorization: basic(`${email.toUpperCase()}/token`, account.ownerToken) },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.user.id).toBe(account.ownerId);
      for (const header of [
        basic('someone@else.com/token', account.ownerToken),
        basic(email, account.ownerToken),
        basic(`${email}/token`, 'hd_wrong'),
      ])
        expect(
          (await api.request('GET', '/api/v2/users/me', { headers: { Authorization: header } }))
            .status,
        ).toBe(401);
    });
  });

  describe('suffix, request id and logs', () => {
    it('serves every route with a .json suffix too', async () => {
      const answer = await api.request('GET', '/api/v2/users/me.json', {
        token: account.ownerToken,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.user.id).toBe(account.ownerId);
    });

    it('uses the X-Request-Id as the correlation id of the events the request causes', async () => {
      const answer = await api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        headers: { 'X-Request-Id': 'req-from-client-42' },
        body: { user: { name: 'Correlated', email: 'correlated@acme.com' } },
      });
      expect(answer.headers.get('x-request-id')).toBe('req-from-client-42');
      const events = await api.store.readStream(`user-${answer.body.user.id}`)();
      const metadata = events._tag === 'Right' ? events.right.map((e) => e.metadata) : [];
      expect(metadata.length).toBeGreaterThan(0);
      for (const m of metadata) expect(m).toMatchObject({ correlation_id: 'req-from-client-42' });
    });

    it('makes up a request id when the client’s is missing or unfit', async () => {
      const answer = await api.request('GET', '/api/v2/users/me', {
        token: account.ownerToken,
        headers: { 'X-Request-Id': 'has spaces and\ttabs' },
      });
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('logs one JSON line per request, with its id, and never the Authorization header', async () => {
      const before = api.logLines.length;
      await api.request('GET', '/api/v2/users/me', {
        token: account.ownerToken,
        headers: { 'X-Request-Id': 'logged-request-1' },
      });
      const lines = api.logLines
        .slice(before)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        expect.objectContaining({
          msg: 'request',
          request_id: 'logged-request-1',
          method: 'GET',
          path: '/api/v2/users/me',
          route: '/api/v2/users/me',
          status: 200,
          account_id: account.accountId,
          user_id: account.ownerId,
        }),
      ]);
      expect(api.logLines.join('\n')).not.toMatch(/authorization|hd_[A-Za-z0-9_-]{20,}/i);
    });
  });

  describe('Idempotency-Key', () => {
    const create = (key: string | undefined, name: string) =>
      api.request('POST', '/api/v2/users', {
        token: account.ownerToken,
        headers: key === undefined ? {} : { 'Idempotency-Key': key },
        body: { user: { name, email: `${name.toLowerCase()}@idem.example` } },
      });

    it('a repeat with the same key and body gets the first response and appends nothing', async () => {
      const first = await create('create-zoe', 'Zoe');
      expect(first.status).toBe(201);
      const before = await api.eventCount();
      const again = await create('create-zoe', 'Zoe');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await api.eventCount()).toBe(before);
    });

    it('the same key with another body is refused with 422, appending nothing', async () => {
      await create('create-yan', 'Yan');
      const before = await api.eventCount();
      const other = await create('create-yan', 'Yves');
      expect(other.status).toBe(422);
      expect(other.body.details).toHaveProperty(['Idempotency-Key']);
      expect(await api.eventCount()).toBe(before);
    });

    it('replays a refusal too, and keys are the caller’s own', async () => {
      const refused = await create('refused-once', 'Not@Valid');
      expect(refused.status).toBe(400);
      expect((await create('refused-once', 'Not@Valid')).body).toEqual(refused.body);
      const agent = await api.addUser(account, {
        name: 'Kai',
        role: 'agent',
        email: 'kai@acme.com',
      });
      const theirs = await api.request('POST', '/api/v2/users', {
        token: agent.token,
        headers: { 'Idempotency-Key': 'create-zoe' },
        body: { user: { name: 'Zoe 2', email: 'zoe2@idem.example' } },
      });
      expect(theirs.status).toBe(201);
    });

    it('keeps no token to replay: a repeat of an issue gets its answer with the token withheld', async () => {
      const issue = () =>
        api.request('POST', '/api/v2/users/me/api_tokens', {
          token: account.ownerToken,
          headers: { 'Idempotency-Key': 'issue-once' },
        });
      const first = await issue();
      expect(first.status).toBe(201);
      const secret: string = first.body.api_token.token;
      expect(secret).toEqual(expect.any(String));
      const before = await api.eventCount();
      const again = await issue();
      expect(again.status).toBe(201);
      expect(again.body).toEqual({ api_token: { ...first.body.api_token, token: null } });
      expect(await api.eventCount()).toBe(before);
      const kept = await api.sql.query<{ body: string }>(
        `SELECT body::text AS body FROM ${api.schemas.api}.idempotency_keys`,
      );
      expect(kept.rows.length).toBeGreaterThan(0);
      expect(kept.rows.filter((row) => row.body.includes(secret))).toEqual([]);
    });

    it('keeps no owner token to replay when an account is opened with a key', async () => {
      const open = () =>
        api.request('POST', '/api/v2/accounts', {
          token: operatorToken,
          headers: { 'Idempotency-Key': 'open-once' },
          body: {
            account: {
              name: 'Once',
              plan: 'team',
              owner: { name: 'Ona', email: 'ona@once.example' },
            },
          },
        });
      const first = await open();
      expect(first.status).toBe(201);
      const secret: string = first.body.api_token.token;
      const again = await open();
      expect(again.status).toBe(201);
      expect(again.body.api_token).toEqual({ id: first.body.api_token.id, token: null });
      expect(again.body.account).toEqual(first.body.account);
      const kept = await api.sql.query<{ body: string }>(
        `SELECT body::text AS body FROM ${api.schemas.api}.idempotency_keys`,
      );
      expect(kept.rows.filter((row) => row.body.includes(secret))).toEqual([]);
    });
  });
});

describe('rate limit', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ rateLimit: { requests: 3, windowMs: 60_000 } });
  });
  afterAll(() => api.close());

  it('answers a caller over its limit with 429 and Retry-After', async () => {
    const account = await api.openAccount();
    const statuses: number[] = [];
    let last;
    for (let n = 0; n < 4; n += 1) {
      last = await api.request('GET', '/api/v2/users/me', { token: account.ownerToken });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.body.error).toBe('TooManyRequests');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
