import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { httpServerOf } from './http-server';

describe('the HTTP server of the API', () => {
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.put('/things/:id', (req, res) => {
    res
      .status(200)
      .set('X-Thing', req.params['id'] ?? '')
      .json({ got: JSON.parse((req.body as Buffer).toString('utf8')) as unknown });
  });
  const server = httpServerOf(app);
  const born: Array<{ request: object | null; response: object | null }> = [];
  // before express's own listener: what the server created, before express could swap anything
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
    born.push({ request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) }),
  );
  let base = '';

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("creates requests and responses with the app's prototypes, so express has none to swap", async () => {
    const answer = await fetch(`${base}/things/42`, { method: 'PUT', body: '{"a":1}' });
    expect(answer.status).toBe(200);
    expect(born.at(-1)).toEqual({ request: app.request, response: app.response });
  });

  it('serves express as it is: params, body, headers, JSON answers and 404s', async () => {
    const answer = await fetch(`${base}/things/42`, { method: 'PUT', body: '{"a":[1,2]}' });
    expect(answer.headers.get('x-thing')).toBe('42');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual({ got: { a: [1, 2] } });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
