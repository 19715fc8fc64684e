import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import {
  passwordResetLinks,
  startProcessManager,
  systemClock,
  uuidGenerator,
  type RunningProcess,
} from '@helpdesk/application';
import { createApi, httpServerOf, integrationProcess, sqlIdempotencyStore } from '@helpdesk/api';
import { notingAppends, streamChanges } from '@helpdesk/event-store';
import { sqlCredentials, sqlPortalCredentials } from '@helpdesk/projections';
import { componentLogger, sqlCheckpoints, startWorker, type Worker } from '@helpdesk/worker';
import type { InboundSmtp } from '@helpdesk/api';
import { installAll } from '../runtime/install';
import { cliLogger } from '../runtime/logger';
import { settingsOf, type Settings } from '../runtime/settings';
import { openStores, type Stores } from '../runtime/stores';
import { inboundMailSettingsOf, startSmtpIfAsked, type InboundMailSettings } from './serve-smtp';

interface Running {
  readonly server: Server;
  readonly worker: Worker;
  readonly integrations: RunningProcess;
  readonly settled: () => Promise<void>;
  /** ends the open event streams, which would otherwise hold the server open until the grace ends */
  readonly closeEventStreams: () => Promise<void>;
  /** the inbound SMTP listener, with `--smtp-port` */
  readonly smtp: InboundSmtp | undefined;
}

const startAll = async (
  stores: Stores,
  settings: Settings,
  logger: Logger,
  inbound: InboundMailSettings,
): Promise<Running> => {
  const installed = await installAll(stores.client, settings);
  if (installed.staleReadModels.length > 0)
    logger.warn(
      { stale: installed.staleReadModels },
      'read models built by other code: rebuild them',
    );
  // every append of this process is known at once, other processes' through the worker's tail
  const changes = streamChanges({ capacity: 100_000 });
  const store = notingAppends(stores.store, changes);
  const worker = await startWorker({
    store,
    client: stores.client,
    schema: settings.readModelSchema,
    processSchema: settings.processSchema,
    logger,
    ...(settings.smtpUrl === undefined ? {} : { smtpUrl: settings.smtpUrl }),
    passwordResets: passwordResetLinks({
      store: sqlPortalCredentials(stores.client),
      ids: uuidGenerator,
    }),
  });
  changes
    .follow(worker.projections.tail)
    .catch((error: unknown) =>
      logger.error({ error: String(error) }, 'following the stream changes failed'),
    );
  const waitFor = (name: string, position: bigint) =>
    worker.projections.waitForPosition(name, position, settings.readTimeoutMs);
  const integrations = startProcessManager(
    {
      store,
      checkpoints: sqlCheckpoints(stores.client, settings.processSchema),
      logger: componentLogger(logger, 'integration_reauthorizations'),
      tail: worker.projections.tail,
    },
    integrationProcess({
      eventStore: store,
      clock: systemClock,
      ids: uuidGenerator,
      logger: componentLogger(logger, 'integration_reauthorizations'),
      session: stores.client,
      waitFor,
    }),
  );
  const api = createApi({
    eventStore: store,
    streamChanges: changes,
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
      mailDomain: inbound.mailDomain,
    },
  });
  const server = httpServerOf(api.app).listen(settings.port, settings.host);
  server.keepAliveTimeout = 65_000;
  await once(server, 'listening');
  const smtp = await startSmtpIfAsked(inbound, store, logger);
  return {
    smtp,
    server,
    worker,
    integrations,
    settled: () => api.jobs.settled(),
    closeEventStreams: () => api.eventStreams.closeAll(),
  };
};

/** Stops taking connections, lets requests under way finish (up to the grace), then the rest. */
const stopAll = async (running: Running, stores: Stores, settings: Settings, logger: Logger) => {
  const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
  await running.closeEventStreams();
  running.server.closeIdleConnections();
  const grace = new Promise<void>((resolve) =>
    setTimeout(resolve, settings.shutdownGraceMs).unref(),
  );
  await Promise.race([closed, grace]);
  await running.smtp?.close();
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
export const runServe = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string> = [],
): Promise<number> => {
  const logger = cliLogger(1, { sync: false });
  const settings = settingsOf(env);
  const inbound = inboundMailSettingsOf(env, args);
  logger.info({ port: settings.port }, 'starting');
  logger.flush();
  const stores = await openStores(env, {
    readModelSchema: settings.readModelSchema,
    poolSize: settings.poolSize,
  });
  let running: Running;
  try {
    running = await startAll(stores, settings, logger, inbound);
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
      smtp_port: running.smtp?.port ?? null,
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
