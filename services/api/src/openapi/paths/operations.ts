import { operation, type Schema } from '../operation';

const tags = ['Operations'];

export const operationPaths: Record<string, Schema> = {
  '/healthz': {
    get: operation('get', {
      summary: 'The process answers',
      tags,
      auth: 'none',
      ok: { status: 200 },
    }),
  },
  '/readyz': {
    get: operation('get', {
      summary: 'The event store and the database answer',
      tags,
      auth: 'none',
      ok: { status: 200 },
      errors: [503],
    }),
  },
  '/metrics': {
    get: operation('get', {
      summary: 'Prometheus metrics: request latency, appends, projection lag',
      tags,
      auth: 'none',
      ok: { status: 200 },
    }),
  },
  '/openapi.json': {
    get: operation('get', { summary: 'This document', tags, auth: 'none', ok: { status: 200 } }),
  },
};
