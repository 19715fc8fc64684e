import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/Either';
import pino from 'pino';
import {
  createTicket,
  issueApiToken,
  memoryCheckpoints,
  passwordResetLinks,
  quietLogger,
  startProcessManager,
  systemClock,
  uuidGenerator,
  type CredentialStore,
} from '@helpdesk/application';
import {
  createMemoryEventStore,
  notingAppends,
  streamChanges,
  type EventStore,
} from '@helpdesk/event-store';
import {
  accountsProjection,
  emailTemplatesProjection,
  installCredentials,
  installOutbox,
  integrationsProjection,
  macrosProjection,
  organizationsProjection,
  pgOutbox,
  sqlCredentials,
  sqlPortalCredentials,
  startProjections,
  ticketAuditsProjection,
  ticketsProjection,
  triggersProjection,
  userMergesProjection,
  usersProjection,
} from '@helpdesk/projections';
import { openTestDatabase } from '@helpdesk/projections/src/testing/test-database';
import { integrationProcess } from '../adapters/integration-process';
import { createApi } from '../app';
import { httpServerOf } from '../http/http-server';
import type { ApiConfig } from '../deps';
import { installApiTables, sqlIdempotencyStore } from '../http/idempotency/sql-store';

export const operatorToken = 'operator-secret-for-tests';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** the parsed JSON body, or the text when it is not JSON */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

export interface RequestOptions {
  readonly token?: string;
  /** sent as JSON */
  readonly body?: unknown;
  /** sent as it is */
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
}

export interface OpenedAccount {
  readonly accountId: string;
  readonly ownerId: string;
  readonly ownerToken: string;
  readonly defaultOrganizationId: string;
}

/**
 * The API over HTTP on a free port, on a memory event store (or the one given) and a fresh
 * read-model database, with the projections it reads running. One per test file: PGlite is shared
 * by the process.
 */
export const startApi = async (config: Partial<ApiConfig> = {}, eventStore?: EventStore) => {
  const db = await openTestDatabase();
  const given = eventStore ?? createMemoryEventStore();
  // as `helpdesk serve` wires it: this process's appends are known at once, and facts a command
  // relies on are read only when they changed
  const changes = streamChanges({ capacity: 10_000 });
  const store = notingAppends(given, changes);
  const runner = await startProjections({
    store,
    client: db.client,
    schema: db.schema,
    projections: [
      accountsProjection,
      organizationsProjection,
      usersProjection,
      ticketsProjection,
      ticketAuditsProjection,
      userMergesProjection,
      integrationsProjection,
      emailTemplatesProjection,
      triggersProjection,
      macrosProjection,
    ],
    retryDelayMs: 20,
  });
  const following = changes.follow(runner.tail);
  // R4.5: the process that stops integrations on a transfer, as `helpdesk serve` runs it
  const reauthorizations = startProcessManager(
    { store, checkpoints: memoryCheckpoints(), logger: quietLogger(), retryDelayMs: 20 },
    integrationProcess({
      eventStore: store,
      clock: systemClock,
      ids: uuidGenerator,
      logger: quietLogger(),
      session: db.client,
      waitFor: (name, position) => runner.waitForPosition(name, position, 10_000),
    }),
  );
  // named after the test schema, so that disposing of the database drops them too
  const credentialsSchema = `${db.schema}_credentials`;
  const apiSchema = `${db.schema}_api`;
  await installCredentials(db.client, credentialsSchema);
  await installApiTables(db.client, apiSchema);
  const outboxSchema = `${db.schema}_outbox`;
  await installOutbox(db.client, outboxSchema);
  const credentials: CredentialStore = sqlCredentials(db.client, credentialsSchema);

  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  const api = createApi({
    eventStore: store,
    streamChanges: changes,
    readModels: {
      session: db.client,
      waitFor: (name, position) => runner.waitForPosition(name, position, 10_000),
      lag: runner.lag,
    },
    credentials,
    idempotency: sqlIdempotencyStore(db.client, apiSchema),
    clock: systemClock,
    ids: uuidGenerator,
    logger,
    config: { operatorToken, outboxSchema, credentialsSchema, ...config },
  });
  const server = httpServerOf(api.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
    let body: string | Buffer | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the text is the body
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  /** how many events the log holds: a refused request must not change it */
  const eventCount = async (): Promise<bigint> => {
    const head = await store.headPosition()();
    if (E.isLeft(head)) throw new Error('memory store failed');
    return head.right ?? 0n;
  };

  const openAccount = async (
    plan: 'team' | 'professional' | 'enterprise' = 'team',
    name = 'Acme Support',
  ): Promise<OpenedAccount> => {
    const answer = await request('POST', '/api/v2/accounts', {
      token: operatorToken,
      body: {
        account: {
          name,
          plan,
          owner: { name: 'Olga Owner', email: `olga@${plan}-${Date.now()}.example` },
        },
      },
    });
    if (answer.status !== 201) throw new Error(`account not opened: ${answer.text}`);
    return {
      accountId: answer.body.account.id,
      ownerId: answer.body.owner.id,
      ownerToken: answer.body.api_token.token,
      defaultOrganizationId: answer.body.account.settings.default_organization_id,
    };
  };

  /** a token for any user, issued as the platform would (end users cannot be given one over HTTP) */
  const tokenFor = async (accountId: string, userId: string): Promise<string> => {
    const issued = await issueApiToken(
      { eventStore: store, clock: systemClock, ids: uuidGenerator, credentials },
      { accountId, actor: { type: 'operator' }, correlationId: 'test-setup', channel: 'api' },
      userId,
    )();
    if (E.isLeft(issued)) throw new Error(`no token: ${JSON.stringify(issued.left)}`);
    return issued.right.token;
  };

  /** a user created over HTTP by `token`, with a token of their own */
  const addUser = async (
    account: OpenedAccount,
    user: { name: string; role?: string; email?: string; [field: string]: unknown },
    token = account.ownerToken,
  ) => {
    const answer = await request('POST', '/api/v2/users', { token, body: { user } });
    if (answer.status !== 201) throw new Error(`user not created: ${answer.text}`);
    const id: string = answer.body.user.id;
    return { id, token: await tokenFor(account.accountId, id), user: answer.body.user };
  };

  /** a ticket opened through the application (the tickets routes are another file's), once projected */
  const openTicket = async (account: OpenedAccount, requesterId: string, subject = 'Help') => {
    const created = await createTicket(
      { eventStore: store, clock: systemClock, ids: uuidGenerator },
      {
        accountId: account.accountId,
        actor: { type: 'user', id: account.ownerId, role: 'admin' },
        correlationId: 'test-setup',
        channel: 'api',
      },
      { subject, requesterId },
    )();
    if (E.isLeft(created) || created.right.position === undefined)
      throw new Error('ticket not created');
    await runner.waitForPosition('tickets', created.right.position, 10_000)();
    return created.right.events[0]!.streamName.replace(/^ticket-/, '');
  };

  /** background merges finished, and every read model has caught up with the log */
  const settled = async () => {
    await api.jobs.settled();
    const head = await eventCount();
    for (const { name } of runner.status()) await runner.waitForPosition(name, head, 10_000)();
  };

  const close = async () => {
    server.closeAllConnections();
    server.close();
    await api.jobs.settled();
    await reauthorizations.stop();
    await runner.stop();
    await following;
    await db.dispose();
  };

  return {
    request,
    eventCount,
    openAccount,
    tokenFor,
    addUser,
    openTicket,
    settled,
    close,
    logLines,
    store,
    jobs: api.jobs,
    app: api.app,
    eventStreams: api.eventStreams,
    /** the mail outbox the API lists, for tests that queue mails as the worker would */
    outbox: pgOutbox(db.client, { schema: outboxSchema }),
    /** password links minted as the mail sender mints them (R6.7) */
    passwordResets: passwordResetLinks({
      store: sqlPortalCredentials(db.client, credentialsSchema),
      ids: uuidGenerator,
    }),
    /** the database and its schemas, for tests that look at every row (R6.8) */
    sql: db.client,
    schemas: {
      readModels: db.schema,
      credentials: credentialsSchema,
      outbox: outboxSchema,
      api: apiSchema,
    },
    base,
  };
};

export type ApiHarness = Awaited<ReturnType<typeof startApi>>;
