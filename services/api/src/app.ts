import express from 'express';
import { Registry } from 'prom-client';
import { lruStreamCache } from '@helpdesk/application';
import { defaultMailDomain } from '@helpdesk/application';
import {
  defaultCredentialsSchema,
  defaultOutboxSchema,
  pgOutbox,
  sqlInboundKeys,
  sqlPortalCredentials,
} from '@helpdesk/projections';
import type { ApiDeps } from './deps';
import type { ApiEnv } from './env';
import { readModelUserTickets } from './adapters/user-tickets';
import { cachedCredentials } from './auth/cached-credentials';
import { cachedPortalSessions } from './auth/cached-portal-sessions';
import { errorHandler, noSuchRoute } from './http/error-handler';
import { stripJsonSuffix } from './http/json-suffix';
import { mount } from './http/mount';
import { rateLimiter } from './http/rate-limit';
import { segmentRouters } from './http/segment-routers';
import { requestContext, requestStateOf } from './http/request-context';
import type { Route } from './http/route';
import { mergeJobs, type MergeJobs } from './jobs/merge-jobs';
import { apiMetrics, countingStore } from './metrics/metrics';
import { openApiDocument } from './openapi/document';
import { accountRoutes } from './routes/accounts';
import { apiTokenRoutes } from './routes/api-tokens';
import { eventRoutes } from './routes/events';
import { mountEventStream, type EventStreams } from './routes/events-stream';
import { emailTemplateRoutes } from './routes/email-templates';
import { identityRoutes } from './routes/identities';
import { emailChannelRoutes, mountInboundEmail } from './routes/inbound-email';
import { integrationRoutes } from './routes/integrations';
import { macroRoutes } from './routes/macros';
import { membershipRoutes } from './routes/memberships';
import { mergeRoutes } from './routes/merges';
import { mountOperations } from './routes/operations';
import { organizationRoutes } from './routes/organizations';
import { outboundEmailRoutes } from './routes/outbound-emails';
import { portalRoutes } from './routes/portal';
import { requestRoutes } from './routes/requests';
import { ticketHistoryRoutes } from './routes/ticket-history';
import { ticketReplayRoutes } from './routes/ticket-replay';
import { ticketRoutes } from './routes/tickets';
import { triggerRoutes } from './routes/triggers';
import { userTicketRoutes } from './routes/user-tickets';
import { userRoutes } from './routes/users';
import { bulkUserRoutes } from './routes/users-bulk';
import { userSearchRoutes } from './routes/users-search';

export const basePath = '/api/v2';

const defaultBodyLimitBytes = 1024 * 1024;
const defaultMaxJsonDepth = 32;

/**
 * Every route of the API, in matching order: fixed segments (`/users/me`, `/users/search`) come
 * before the `/users/:id` they would otherwise fall into.
 */
export const apiRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  ...accountRoutes(env),
  ...apiTokenRoutes(env),
  ...userSearchRoutes(env),
  ...bulkUserRoutes(env),
  ...userRoutes(env),
  ...identityRoutes(env),
  ...mergeRoutes(env),
  ...userTicketRoutes(env),
  ...organizationRoutes(env),
  ...membershipRoutes(env),
  ...ticketRoutes(env),
  ...ticketHistoryRoutes(env),
  ...ticketReplayRoutes(env),
  ...integrationRoutes(env),
  ...emailTemplateRoutes(env),
  ...triggerRoutes(env),
  ...macroRoutes(env),
  ...emailChannelRoutes(env),
  ...outboundEmailRoutes(env),
  ...eventRoutes(env),
  ...portalRoutes(env),
  ...requestRoutes(env),
];

export interface Api {
  readonly app: express.Express;
  /** merges carried out in the background; `settled()` waits for them (tests, shutdown) */
  readonly jobs: MergeJobs;
  readonly registry: Registry;
  /** the open `GET /events/stream` feeds; `closeAll()` ends them (shutdown) */
  readonly eventStreams: EventStreams;
}

export const createApi = (deps: ApiDeps): Api => {
  const bodyLimitBytes = deps.config.bodyLimitBytes ?? defaultBodyLimitBytes;
  const registry = deps.metrics ?? new Registry();
  const metrics = apiMetrics(registry, deps.readModels);
  const commands = {
    eventStore: countingStore(deps.eventStore, metrics.eventsAppended),
    clock: deps.clock,
    ids: deps.ids,
    streams: lruStreamCache(20_000, deps.streamChanges),
  };
  const credentials = cachedCredentials(deps.credentials);
  const userTickets = readModelUserTickets(deps.readModels.session);
  const portalStore = sqlPortalCredentials(
    deps.readModels.session,
    deps.config.credentialsSchema ?? defaultCredentialsSchema,
  );
  const portalSessions = cachedPortalSessions(portalStore);
  const outboxSchema = deps.config.outboxSchema ?? defaultOutboxSchema;
  const jobs = mergeJobs({
    commands,
    tickets: userTickets,
    readModels: deps.readModels,
    logger: deps.logger,
    ...(deps.config.carryOutMerges === undefined ? {} : { carryOut: deps.config.carryOutMerges }),
  });
  const env: ApiEnv = {
    commands,
    tokens: { ...commands, credentials },
    readModels: deps.readModels,
    session: deps.readModels.session,
    userTickets,
    jobs,
    ticketCreations: new Map(),
    inboundKeys:
      deps.inboundKeys ??
      sqlInboundKeys(
        deps.readModels.session,
        deps.config.credentialsSchema ?? defaultCredentialsSchema,
      ),
    mailDomain: deps.config.mailDomain ?? defaultMailDomain,
    outboxSchema,
    portal: {
      ...commands,
      portal: portalStore,
      outbox: pgOutbox(deps.readModels.session, { schema: outboxSchema, clock: deps.clock }),
      sessionsEnded: portalSessions.forgetUser,
    },
  };

  const app: express.Express = express();
  app.disable('x-powered-by');
  app.set('etag', false); // ETags are stream revisions, set by the routes
  app.set('query parser', 'simple'); // `page[size]` stays one key, as the API names it
  app.use(
    requestContext(deps.logger, (req, res, seconds) =>
      metrics.requestDuration.observe(
        {
          method: req.method,
          route: requestStateOf(res).route ?? 'unmatched',
          status: String(res.statusCode),
        },
        seconds,
      ),
    ),
  );
  app.use(stripJsonSuffix(basePath));
  app.use(basePath, express.raw({ type: () => true, limit: bodyLimitBytes }));
  const mountDeps = {
    basePath,
    operatorToken: deps.config.operatorToken,
    maxJsonDepth: deps.config.maxJsonDepth ?? defaultMaxJsonDepth,
    idempotency: deps.idempotency,
    rateLimited: rateLimiter(deps.config.rateLimit),
    logger: deps.logger,
    credentials,
    eventStore: commands.eventStore,
    streams: commands.streams,
    portalSessions,
    clock: deps.clock,
  };
  app.use(
    basePath,
    segmentRouters(apiRoutes(env), (router, route) => mount(router, route, mountDeps)),
  );
  mountInboundEmail(app, env, mountDeps);
  const eventStreams = mountEventStream(app, {
    ...mountDeps,
    ...(deps.config.eventStreamHeartbeatMs === undefined
      ? {}
      : { heartbeatMs: deps.config.eventStreamHeartbeatMs }),
  });
  // after the API: its requests, the many, then pass no operations route on their way
  mountOperations(app, {
    eventStore: deps.eventStore,
    session: deps.readModels.session,
    registry,
    openapi: () => openApiDocument({ operatorRoutes: deps.config.operatorToken !== undefined }),
  });
  app.use(noSuchRoute);
  app.use(errorHandler(deps.logger, bodyLimitBytes));
  return { app, jobs, registry, eventStreams };
};

/** The express app of the HTTP API (api.md), everything it uses injected. */
export const createApp = (deps: ApiDeps): express.Express => createApi(deps).app;
