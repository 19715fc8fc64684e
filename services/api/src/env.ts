import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import {
  loadAccount,
  type CommandDeps,
  type PortalDeps,
  type TokenDeps,
  type UserTickets,
} from '@helpdesk/application';
import type { InboundKeyStore } from '@helpdesk/application';
import type { SqlSession } from '@helpdesk/event-store';
import type { Uuid } from '@helpdesk/events';
import type { ReadModelError } from '@helpdesk/projections';
import type { ReadModels } from './deps';
import { fromAppError, notFound, type ApiError } from './http/errors';
import type { MergeJobs } from './jobs/merge-jobs';

/** What route handlers work with. */
export interface ApiEnv {
  /** the event store (counting appends), clock and ids */
  readonly commands: CommandDeps;
  readonly tokens: TokenDeps;
  readonly readModels: ReadModels;
  readonly session: SqlSession;
  readonly userTickets: UserTickets;
  readonly jobs: MergeJobs;
  /** when each ticket answered here was created: it never changes, so a write's answer need not read it */
  readonly ticketCreations: Map<Uuid, string>;
  /** the accounts' inbound email keys, and the domain of their support addresses */
  readonly inboundKeys: InboundKeyStore;
  readonly mailDomain: string;
  /** the mail outbox's schema (`GET /outbound_emails`) */
  readonly outboxSchema: string;
  /** portal passwords, reset links and sessions, and the outbox reset mails go to (R6.7-R6.9) */
  readonly portal: PortalDeps & {
    /** a password reset here ended the user's portal sessions: forget any this process remembers */
    readonly sessionsEnded: (userId: Uuid) => void;
  };
}

/**
 * Read-your-writes (api.md): waits until each projection has processed the command's last event,
 * so that the read that follows shows what the command did. A command that appended nothing has no
 * position to wait for.
 */
export const afterWrite = (
  env: ApiEnv,
  projections: ReadonlyArray<string>,
  position: bigint | undefined,
): TE.TaskEither<ApiError, void> =>
  position === undefined
    ? TE.right(undefined)
    : pipe(
        projections.map((name) => env.readModels.waitFor(name, position)),
        TE.sequenceArray,
        TE.bimap(
          (error): ApiError => ({ kind: 'ReadBackFailed', error }),
          () => undefined,
        ),
      );

/** A read-model lookup: failures are 503, a missing record is 404. */
export const found = <A>(
  entity: string,
  lookup: TE.TaskEither<ReadModelError, O.Option<A>>,
): TE.TaskEither<ApiError, A> =>
  pipe(
    lookup,
    TE.mapLeft((error): ApiError => ({ kind: 'ReadModel', error })),
    TE.chain(O.match(() => TE.left(notFound(entity)), TE.right)),
  );

/**
 * A record the read model does not show yet although its stream exists was just written (perhaps
 * by this very caller): wait until the projection has reached the stream's last event, then look
 * again. Only a record that is in neither place is not found.
 */
export const foundOnceProjected = <A>(
  env: ApiEnv,
  entity: string,
  projection: string,
  streamName: string,
  lookup: () => TE.TaskEither<ReadModelError, O.Option<A>>,
): TE.TaskEither<ApiError, A> =>
  pipe(
    readModel(lookup()),
    TE.chain(
      O.match(
        () =>
          pipe(
            env.commands.eventStore.readStream(streamName, { direction: 'backwards', maxCount: 1 }),
            TE.mapLeft(() => notFound(entity)),
            TE.chain((last) =>
              last[0] === undefined
                ? TE.left(notFound(entity))
                : pipe(
                    afterWrite(env, [projection], last[0].globalPosition),
                    TE.chain(() => found(entity, lookup())),
                  ),
            ),
          ),
        TE.right,
      ),
    ),
  );

export const readModel = <A>(query: TE.TaskEither<ReadModelError, A>): TE.TaskEither<ApiError, A> =>
  pipe(
    query,
    TE.mapLeft((error): ApiError => ({ kind: 'ReadModel', error })),
  );

/** The account's owner, from its stream: R4.7's label must not lag a transfer. */
export const ownerOf = (env: ApiEnv, accountId: Uuid): TE.TaskEither<ApiError, Uuid> =>
  pipe(
    loadAccount(env.commands.eventStore, accountId),
    TE.bimap(fromAppError(), (account) => account.ownerId),
  );
