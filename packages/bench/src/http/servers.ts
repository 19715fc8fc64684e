import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { httpServerOf } from '@helpdesk/api/src/http/http-server';

/**
 * Three servers that answer `PUT /api/v2/tickets/{id}` with the same ticket JSON and do nothing
 * else: what each layer of the HTTP stack costs before any of the API's own work.
 * - `node`: node's http module, the body read and parsed, the answer written by hand;
 * - `express`: one express route, the body read by hand, `res.status().json()`;
 * - `express-as-api`: express arranged as `createApi` arranges it: a request-context middleware
 *   (request id, a `finish` listener), the `.json` suffix middleware, `express.raw` at the base
 *   path, four operations routes, then a router for the segment reached through a map; served
 *   as `helpdesk serve` serves the API, requests and responses born with express's prototypes.
 */
export type Variant = 'node' | 'express' | 'express-as-api';
export const variants: ReadonlyArray<Variant> = ['node', 'express', 'express-as-api'];

const ticket = {
  id: '5b8c3f3e-1111-4c1a-9e0e-aaaaaaaaaaaa',
  subject: 'A ticket whose requester changes',
  status: 'open',
  requester_id: '5b8c3f3e-1111-4c1a-9e0e-bbbbbbbbbbbb',
  original_requester_id: '5b8c3f3e-1111-4c1a-9e0e-cccccccccccc',
  organization_id: null,
  collaborator_ids: [],
  version: 12,
  created_at: '2026-11-21T10:00:00.000Z',
  updated_at: '2026-11-21T10:00:01.000Z',
};

const nodeServer = (): Server =>
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const body = JSON.stringify({ ticket });
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });

const expressServer = (): Server => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.put('/api/v2/tickets/:id', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.status(200).json({ ticket });
    });
  });
  return createServer(app);
};

const expressAsApiServer = (): Server => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    const requestId = randomUUID();
    res.locals['request'] = { requestId, startedAt: process.hrtime.bigint() };
    res.set('X-Request-Id', requestId);
    res.on('finish', () => undefined);
    next();
  });
  app.use((req, _res, next) => {
    if (req.url.startsWith('/api/v2')) req.url = req.url.replace(/\.json(?=\?|$)/, '');
    next();
  });
  app.use('/api/v2', express.raw({ type: () => true, limit: 1024 * 1024 }));
  const tickets = express.Router();
  tickets.post('/tickets', (_req, res) => {
    res.status(201).json({ ticket });
  });
  tickets.get('/tickets/:id', (_req, res) => {
    res.status(200).json({ ticket });
  });
  tickets.put('/tickets/:id', (req, res) => {
    JSON.parse((req.body as Buffer).toString('utf8'));
    res.status(200).json({ ticket });
  });
  const routers = new Map([['/tickets', tickets]]);
  app.use('/api/v2', (req, res, next) => {
    const end = req.path.indexOf('/', 1);
    const router = routers.get(end === -1 ? req.path : req.path.slice(0, end));
    if (router === undefined) next();
    else router(req, res, next);
  });
  for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
    app.get(path, (_req, res) => {
      res.status(200).json({});
    });
  return httpServerOf(app);
};

export const servers: Record<Variant, () => Server> = {
  node: nodeServer,
  express: expressServer,
  'express-as-api': expressAsApiServer,
};
