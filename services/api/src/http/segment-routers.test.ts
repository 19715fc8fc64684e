import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Route } from './route';
import { segmentRouters } from './segment-routers';

const route = (method: Route['method'], path: string): Route => ({
  method,
  path,
  access: { kind: 'public' },
  prepare: () => {
    throw new Error('not called: the test registers its own handlers');
  },
});

/** An app with the dispatcher at `/api`, each route answering its own path, and a 404 after. */
const served = async (routes: ReadonlyArray<Route>) => {
  const app = express();
  app.use(
    '/api',
    segmentRouters(routes, (router, r) =>
      router[r.method](r.path, (_req, res) => {
        res.json({ route: `${r.method} ${r.path}` });
      }),
    ),
  );
  app.use((_req, res) => {
    res.status(404).json({ route: null });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    routeOf: async (method: string, path: string) =>
      ((await (await fetch(`${base}${path}`, { method })).json()) as { route: string | null })
        .route,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

describe('routes by the first segment of their path', () => {
  const routes = [
    route('get', '/users/me'),
    route('get', '/users/:id'),
    route('get', '/tickets'),
    route('put', '/tickets/:id'),
    route('get', '/tickets/:id/audits'),
  ];
  let app: Awaited<ReturnType<typeof served>>;
  beforeAll(async () => {
    app = await served(routes);
  });
  afterAll(() => app.close());

  it('reaches each route through its segment, in the order the routes were given', async () => {
    expect(await app.routeOf('GET', '/api/users/me')).toBe('get /users/me');
    expect(await app.routeOf('GET', '/api/users/7')).toBe('get /users/:id');
    expect(await app.routeOf('GET', '/api/tickets')).toBe('get /tickets');
    expect(await app.routeOf('PUT', '/api/tickets/7')).toBe('put /tickets/:id');
    expect(await app.routeOf('GET', '/api/tickets/7/audits?x=1')).toBe('get /tickets/:id/audits');
  });

  it('matches paths without regard to case, as express does', async () => {
    expect(await app.routeOf('GET', '/API/Tickets/7/Audits')).toBe('get /tickets/:id/audits');
  });

  it('passes on what no route of the segment, or no segment, serves', async () => {
    expect(await app.routeOf('DELETE', '/api/tickets/7')).toBeNull();
    expect(await app.routeOf('GET', '/api/organizations')).toBeNull();
    expect(await app.routeOf('GET', '/api')).toBeNull();
  });

  it('lists its routers for whoever reads what is served', () => {
    expect([...segmentRouters(routes, () => undefined).routers.keys()]).toEqual([
      '/users',
      '/tickets',
    ]);
  });
});
