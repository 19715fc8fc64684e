import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { TicketCommand } from '@helpdesk/domain';
import type { AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import type { CommandDeps } from '../command/handle-command';
import type {
  ProcessLogger,
  SnapshotPage,
  SnapshotQuery,
  TicketSnapshot,
  TicketSnapshots,
} from './ports';
import {
  addReports,
  appendRewrites,
  noRewrites,
  prepareRewrites,
  type RewriteReport,
  type TicketRewrite,
} from './ticket-rewrites';

export interface RewriteDeps extends CommandDeps {
  readonly snapshots: TicketSnapshots;
  /** tickets per page: one read-model query and one `appendMany` call each */
  readonly pageSize: number;
  readonly logger: ProcessLogger;
}

type Pending<A> = Promise<E.Either<AppError, A>>;

/**
 * Appends under way at once: while one call commits, the next is parsed and checked by the
 * server (the store numbers events under one lock, so calls never interleave their positions).
 */
const appendsInFlight = 2;

/**
 * Rewrites every ticket the query finds, a page at a time, in a pipeline: while pages are
 * appended, the next is read and decided. Pages follow the tickets' creation order, so a ticket
 * the process has just changed (and that may leave the query's results) is never on a page still
 * to come.
 */
export const rewriteEveryPage =
  (
    deps: RewriteDeps,
    query: SnapshotQuery,
    context: CommandContext,
    rewritesOf: (
      snapshots: ReadonlyArray<TicketSnapshot>,
    ) => TE.TaskEither<AppError, ReadonlyArray<TicketRewrite>>,
  ): TE.TaskEither<AppError, RewriteReport> =>
  async () => {
    let report = noRewrites;
    const appending: Array<Pending<RewriteReport>> = [];
    let reading: Pending<SnapshotPage> | undefined = deps.snapshots.page(
      query,
      undefined,
      deps.pageSize,
    )();
    /** adds what one page's append did to the report; its failure, if any */
    const account = (appended: E.Either<AppError, RewriteReport> | undefined) => {
      if (appended === undefined) return undefined;
      if (E.isLeft(appended)) return appended.left;
      for (const { ticketId, error } of appended.right.refused)
        deps.logger.error('a ticket refused its share of the process', {
          ticketId,
          correlationId: context.correlationId,
          error,
        });
      report = addReports(report, appended.right);
      return undefined;
    };
    // what was started is awaited before leaving, so that no failure goes unobserved
    const leave = async (error?: AppError): Promise<E.Either<AppError, RewriteReport>> => {
      const [appended] = await Promise.all([Promise.all(appending.splice(0)), reading]);
      const failure = error ?? appended.map(account).find((f) => f !== undefined);
      return failure === undefined ? E.right(report) : E.left(failure);
    };

    while (reading !== undefined) {
      const page: E.Either<AppError, SnapshotPage> = await reading;
      reading = undefined;
      if (E.isLeft(page)) return leave(page.left);
      const { snapshots, next }: SnapshotPage = page.right;
      if (next !== undefined) reading = deps.snapshots.page(query, next, deps.pageSize)();
      const rewrites = await rewritesOf(snapshots)();
      if (E.isLeft(rewrites)) return leave(rewrites.left);
      const prepared = prepareRewrites(deps, context, rewrites.right);
      if (E.isLeft(prepared)) return leave(prepared.left);
      if (appending.length === appendsInFlight) {
        const failure = account(await appending.shift());
        if (failure !== undefined) return leave(failure);
      }
      appending.push(appendRewrites(deps, context, prepared.right)());
    }
    return leave();
  };

/** The same kind of command for every ticket, built from its snapshot alone. */
export const eachTicket =
  (commandFor: (snapshot: TicketSnapshot) => TicketCommand) =>
  (
    snapshots: ReadonlyArray<TicketSnapshot>,
  ): TE.TaskEither<AppError, ReadonlyArray<TicketRewrite>> =>
    TE.right(snapshots.map((snapshot) => ({ snapshot, command: commandFor(snapshot) })));
