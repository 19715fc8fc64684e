import * as E from 'fp-ts/Either';
import type express from 'express';
import type { Registry } from 'prom-client';
import type { EventStore, SqlSession } from '@helpdesk/event-store';

export interface OperationsDeps {
  readonly eventStore: EventStore;
  readonly session: SqlSession;
  readonly registry: Registry;
  readonly openapi: () => unknown;
}

const reachable = async (check: () => Promise<boolean>): Promise<boolean> => {
  try {
    return await check();
  } catch {
    return false;
  }
};

/**
 * `/healthz` (the process answers), `/readyz` (the event store and the database answer),
 * `/metrics` (Prometheus text) and `/openapi.json`. None needs a token: they say nothing about
 * any account.
 */
export const mountOperations = (app: express.Express, deps: OperationsDeps): void => {
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const [eventStore, database] = await Promise.all([
      reachable(async () => E.isRight(await deps.eventStore.headPosition()())),
      reachable(async () => (await deps.session.query('SELECT 1 AS ok')).rows.length === 1),
    ]);
    const ready = eventStore && database;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: { event_store: eventStore, database },
    });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.registry.contentType);
    res.status(200).send(await deps.registry.metrics());
  });

  app.get('/openapi.json', (_req, res) => {
    res.status(200).json(deps.openapi());
  });
};
