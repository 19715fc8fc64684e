import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import {
  startProcessManager,
  systemClock,
  uuidGenerator,
  type RunningProcess,
} from '@helpdesk/application';
import { createApi, integrationProcess, sqlIdempotencyStore } from '@helpdesk/api';
import { sqlCredentials } from '@helpdesk/projections';
import { componentLogger, sqlCheckpoints, startWorker, type Worker } from '@helpdesk/worker';
import { installAll } from '../runtime/install';
import { cliLogger } from '../runtime/logger';
import { settingsOf, type Settings } from '../runtime/settings';
import { openStores, type Stores } from '../runtime/stores';

interface Running {
  readonly server: Server;
  readonly worker: Worker;
  readonly integrations: RunningProcess;
  readonly settled: () => Promise<void>;
}

const startAll = async (stores: Stores, settings: Settings, logger: Logger): Promise<Running> => {
  const installed = await installAll(stores.client, settings);
  if (installed.staleReadModels.length > 0)
    logger.warn(
      { stale: installed.staleReadModels },
      'read models built by other code: rebuild them',
    );
  const worker = await startWorker({
    store: stores.store,
    client: stores.client,
    schema: settings.readModelSchema,
    processSchema: settings.processSchema,
    logger,
  });
  const waitFor = (name: string, position: bigint) =>
    worker.projections.waitForPosition(name, position, settings.readTimeoutMs);
  const integrations = startProcessManager(
    {
      store: stores.store,
      checkpoints: sqlCheckpoints(stores.client, settings.processSchema),
      logger: componentLogger(logger, 'integration_reauthorizations'),
      tail: worker.projections.tail,
    },
    integrationProcess({
      eventStore: stores.store,
      clock: systemClock,
      ids: uuidGenerator,
      logger: componentLogger(logger, 'integration_reauthorizations'),
      session: stores.client,
      waitFor,
    }),
  );
  const api = createApi({
    eventStore: stores.store,
    readModels: { session: stores.client, waitFor, lag: worker.projections.lag },
    credentials: sqlCredentials(stores.client),
    idempotency: sqlIdempotencyStore(stores.client),
    clock: systemClock,
    ids: uuidGenerator,
    logger: logger.child({ component: 'api' }),
    // the worker's merge process carries merges out (R3.9: resumed after a restart)
    config: {
      ...(settings.operatorToken === undefined ? {} : { operatorToken: settings.operatorToken }),
      carryOutMerges: false,
    },
  });
  const server = api.app.listen(settings.port, settings.host);
  server.keepAliveTimeout = 65_000;
  await once(server, 'listening');
  return { server, worker, integrations, settled: () => api.jobs.settled() };
};

/** Stops taking connections, lets requests under way finish (up to the grace), then the rest. */
const stopAll = async (running: Running, stores: Stores, settings: Settings, logger: Logger) => {
  const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
  running.server.closeIdleConnections();
  const grace = new Promise<void>((resolve) =>
    setTimeout(resolve, settings.shutdownGraceMs).unref(),
  );
  await Promise.race([closed, grace]);
  running.server.closeAllConnections();
  await running.settled();
  await running.integrations.stop();
  await running.worker.stop();
  await stores.close();
  logger.info({}, 'stopped');
  logger.flush();
};

/**
 * `helpdesk serve`: the HTTP API, the projections and the process managers in one process, on the
 * stores the environment names (the embedded PostgreSQL by default), until SIGTERM or SIGINT.
 */
export const runServe = async (env: NodeJS.ProcessEnv): Promise<number> => {
  const logger = cliLogger(1, { sync: false });
  const settings = settingsOf(env);
  logger.info({ port: settings.port }, 'starting');
  logger.flush();
  const stores = await openStores(env, {
    readModelSchema: settings.readModelSchema,
    poolSize: settings.poolSize,
  });
  let running: Running;
  try {
    running = await startAll(stores, settings, logger);
  } catch (error) {
    await stores.close();
    throw error;
  }
  const address = running.server.address() as AddressInfo;
  logger.info(
    {
      url: `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${address.port}`,
      port: address.port,
      events: stores.description.events,
      read_models: stores.description.readModels,
      operator_route: settings.operatorToken !== undefined,
    },
    'listening',
  );
  logger.flush();
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'stopping');
  await stopAll(running, stores, settings, logger);
  return 0;
};
