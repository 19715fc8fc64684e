import type { Logger } from 'pino';
import {
  mergeProcessManager,
  organizationProcessManager,
  startProcessManager,
  systemClock,
  triggerProcessManager,
  uuidGenerator,
  replyMailProcessManager,
  welcomeProcessManager,
  type Clock,
  type IdGenerator,
  type Outbox,
  type PasswordResets,
  type ProcessManager,
  type RunningProcess,
} from '@helpdesk/application';
import type { EventStore, SqlClient } from '@helpdesk/event-store';
import {
  allProjections,
  defaultReadModelSchema,
  defaultOutboxSchema,
  installOutbox,
  pgOutbox,
  startProjections,
  type Projection,
  type ProjectionRunner,
} from '@helpdesk/projections';
import {
  readModelMembers,
  readModelSnapshots,
  readModelTally,
  runnerProgress,
} from './adapters/read-model-ports';
import { componentLogger, jsonLogger } from './logger';
import { startOutboxSender } from './mail';
import {
  installProcessState,
  sqlCheckpoints,
  sqlMergeRegistry,
} from './process-state/process-state';

export type ProcessName =
  'user_merges' | 'organization_moves' | 'welcome_emails' | 'ticket_triggers' | 'reply_emails';

export interface WorkerDeps {
  readonly store: EventStore;
  /**
   * the read models' database; the process managers keep their state there too. Its `search_path`
   * must be the live read-model schema (read models are queried by unqualified name), as for the API
   */
  readonly client: SqlClient;
  /** the live read-model schema; `read_models` when absent */
  readonly schema?: string;
  /** where the process managers keep their checkpoints; `process_managers` when absent */
  readonly processSchema?: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** tickets per read-model page and per `appendMany` call; 2,000 when absent */
  readonly pageSize?: number;
  /** the projections to run; all of them when absent (the merge waits on tickets, users, ticket_audits) */
  readonly projections?: ReadonlyArray<Projection>;
  /** the process managers to run; both when absent */
  readonly processes?: ReadonlyArray<ProcessName>;
  /** events per projection transaction, at most; the runtime's default (1,000) when absent */
  readonly projectionBatchSize?: number;
  /** how long a process waits for a read model before it tries again; 60 s when absent */
  readonly readModelTimeoutMs?: number;
  readonly retryDelayMs?: number;
  /** the mail outbox's schema; `outbox` when absent */
  readonly outboxSchema?: string;
  /** SMTP_URL: the sender sends the outbox's mails through it; without it they stay queued */
  readonly smtpUrl?: string;
  /** the From address of outgoing mail; `helpdesk@localhost` when absent */
  readonly mailFrom?: string;
  /** mints the single-use links of mails that carry `{{portal.password_link}}` (R6.8) */
  readonly passwordResets?: PasswordResets;
  /** the sender's pause when nothing is due; 1 s when absent */
  readonly mailPollMs?: number;
  /** where the trigger process queues its mails (R6.5); the PostgreSQL outbox when absent */
  readonly outbox?: Outbox;
}

export interface Worker {
  readonly projections: ProjectionRunner;
  readonly processes: ReadonlyArray<RunningProcess>;
  /** stops the process managers after their current batch, then the projections */
  readonly stop: () => Promise<void>;
}

/**
 * Runs the projectors and the process managers side by side: the read models follow the log,
 * the merge (R3) and organization (R2.8, R2.9) processes follow it from their own checkpoints
 * and read those read models once they have caught up.
 */
export const startWorker = async (deps: WorkerDeps): Promise<Worker> => {
  const logger = deps.logger ?? jsonLogger();
  const schema = deps.schema ?? defaultReadModelSchema;
  const processSchema = deps.processSchema ?? 'process_managers';
  const projections = await startProjections({
    store: deps.store,
    client: deps.client,
    schema,
    projections: deps.projections ?? allProjections,
    logger: componentLogger(logger, 'projections'),
    ...(deps.projectionBatchSize === undefined ? {} : { batchSize: deps.projectionBatchSize }),
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
  });
  await installProcessState(deps.client, processSchema);
  const outboxSchema = deps.outboxSchema ?? defaultOutboxSchema;
  await installOutbox(deps.client, outboxSchema);
  const readModels = deps.client;
  const shared = {
    eventStore: deps.store,
    clock: deps.clock ?? systemClock,
    ids: deps.ids ?? uuidGenerator,
    snapshots: readModelSnapshots(readModels),
    pageSize: deps.pageSize ?? 2000,
    progress: runnerProgress(projections, deps.readModelTimeoutMs ?? 60_000),
  };
  const managers: Record<ProcessName, () => ProcessManager> = {
    user_merges: () =>
      mergeProcessManager({
        ...shared,
        logger: componentLogger(logger, 'user_merges'),
        tally: readModelTally(readModels),
        registry: sqlMergeRegistry(deps.client, processSchema),
      }),
    organization_moves: () =>
      organizationProcessManager({
        ...shared,
        logger: componentLogger(logger, 'organization_moves'),
        members: readModelMembers(readModels),
      }),
    welcome_emails: () =>
      welcomeProcessManager({
        eventStore: deps.store,
        outbox: pgOutbox(deps.client, { schema: outboxSchema, clock: shared.clock }),
        logger: componentLogger(logger, 'welcome_emails'),
      }),
    reply_emails: () =>
      replyMailProcessManager({
        eventStore: deps.store,
        outbox: deps.outbox ?? pgOutbox(deps.client, { schema: outboxSchema, clock: shared.clock }),
        logger: componentLogger(logger, 'reply_emails'),
      }),
    ticket_triggers: () =>
      triggerProcessManager({
        ...shared,
        outbox: deps.outbox ?? pgOutbox(deps.client, { schema: outboxSchema, clock: shared.clock }),
        logger: componentLogger(logger, 'ticket_triggers'),
      }),
  };
  const processes = (
    deps.processes ??
    ([
      'user_merges',
      'organization_moves',
      'welcome_emails',
      'ticket_triggers',
      'reply_emails',
    ] as const)
  ).map((name) =>
    startProcessManager(
      {
        store: deps.store,
        checkpoints: sqlCheckpoints(deps.client, processSchema),
        logger: componentLogger(logger, name),
        tail: projections.tail,
        ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
      },
      managers[name](),
    ),
  );
  const mailSender = startOutboxSender({ ...deps, outboxSchema, ...shared, logger });
  logger.info({ schema, processSchema, processes: processes.map((p) => p.name) }, 'worker started');
  return {
    projections,
    processes,
    stop: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await mailSender?.stop();
      await projections.stop();
      logger.info({}, 'worker stopped');
    },
  };
};
