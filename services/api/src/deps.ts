import type * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Clock, CredentialStore, IdGenerator } from '@helpdesk/application';
import type { InboundKeyStore } from '@helpdesk/application';
import type { EventStore, SqlSession, StreamChanges } from '@helpdesk/event-store';
import type { LagError, ProjectionLag, WaitError } from '@helpdesk/projections';
import type { IdempotencyStore } from './http/idempotency/store';
import type { RateLimit } from './http/rate-limit';

/** The read models, as the API reads them. */
export interface ReadModels {
  /** a session whose `search_path` is the live read-model schema */
  readonly session: SqlSession;
  /**
   * Resolves once the projection has processed every event up to `position`: a command's response
   * reads what the command wrote (api.md, read-your-writes). The projection runner's
   * `waitForPosition`, with a deadline.
   */
  readonly waitFor: (projection: string, position: bigint) => TE.TaskEither<WaitError, unknown>;
  /** every projection's lag, for `/metrics`; absent when this process cannot tell */
  readonly lag?: () => Promise<E.Either<LagError, ReadonlyArray<ProjectionLag>>>;
}

export interface ApiConfig {
  /** enables `POST /api/v2/accounts` (HELPDESK_OPERATOR_TOKEN); without it the route does not exist */
  readonly operatorToken?: string;
  /** largest body accepted; 1 MB when absent */
  readonly bodyLimitBytes?: number;
  /** deepest JSON nesting accepted; 32 when absent */
  readonly maxJsonDepth?: number;
  /** per caller; no limit when absent */
  readonly rateLimit?: RateLimit;
  /**
   * whether the API carries merges out itself (R3.6-R3.9) after accepting them; false where the
   * merge process manager runs beside it, as in `helpdesk serve`. True when absent
   */
  readonly carryOutMerges?: boolean;
  /** the domain of the support addresses, `support+<account id>@<domain>`; `localhost` when absent */
  readonly mailDomain?: string;
  /** the mail outbox's schema; `outbox` when absent */
  readonly outboxSchema?: string;
  /** where portal passwords, reset links and sessions are kept (R6.8); `credentials` when absent */
  readonly credentialsSchema?: string;
  /** how often `GET /events/stream` sends a comment line to keep proxies open; 15 s when absent */
  readonly eventStreamHeartbeatMs?: number;
}

/** Everything the app is given; nothing is read from the environment inside it. */
export interface ApiDeps {
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  readonly credentials: CredentialStore;
  /** the accounts' inbound email keys (`X-Inbound-Key`); the credentials schema's table when absent */
  readonly inboundKeys?: InboundKeyStore;
  readonly idempotency: IdempotencyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly config: ApiConfig;
  /** where metrics are registered; a registry of the app's own when absent */
  readonly metrics?: Registry;
  /**
   * the streams the log changed lately, followed from the process's live tail: with it, facts a
   * command relies on (the caller, a requester) are read only when they changed. Without it, every
   * fact's stream is read for each command. `eventStore` must then tell it of its appends.
   */
  readonly streamChanges?: Pick<StreamChanges, 'seenThrough' | 'changedAfter'>;
}
