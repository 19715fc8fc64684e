import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  decideTicket,
  ticketDecider,
  type DomainError,
  type TicketCommand,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppendRequest, AppendResult, StoreError } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import { encodeEvents } from '../command/encode-events';
import { handleCommand, type CommandDeps } from '../command/handle-command';
import type { TicketSnapshot } from './ports';

/** One ticket's share of a process: the command, and the ticket as the read model last saw it. */
export interface TicketRewrite {
  readonly snapshot: TicketSnapshot;
  readonly command: TicketCommand;
}

export interface RewriteReport {
  /** tickets that got new events */
  readonly rewritten: number;
  /** tickets whose snapshot was stale: loaded and decided again, one by one */
  readonly decidedAgain: number;
  readonly refused: ReadonlyArray<{ readonly ticketId: Uuid; readonly error: DomainError }>;
  /** the global position of the last event appended; undefined when none was */
  readonly lastPosition: bigint | undefined;
}

export const noRewrites: RewriteReport = {
  rewritten: 0,
  decidedAgain: 0,
  refused: [],
  lastPosition: undefined,
};

const later = (a: bigint | undefined, b: bigint | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

export const addReports = (a: RewriteReport, b: RewriteReport): RewriteReport => ({
  rewritten: a.rewritten + b.rewritten,
  decidedAgain: a.decidedAgain + b.decidedAgain,
  refused: [...a.refused, ...b.refused],
  lastPosition: later(a.lastPosition, b.lastPosition),
});

interface Decided {
  readonly rewrite: TicketRewrite;
  readonly request: AppendRequest;
}

/** The tickets' events, decided and encoded, ready for one `appendMany` call. */
export interface PreparedRewrites {
  readonly decided: ReadonlyArray<Decided>;
  readonly refused: RewriteReport['refused'];
}

const isConflict = (error: StoreError) => error.kind === 'WrongExpectedVersion';

/** The slow path for one ticket whose snapshot was stale: the command handler loads its stream. */
const decideAgain = async (
  deps: CommandDeps,
  context: CommandContext,
  rewrite: TicketRewrite,
): Promise<E.Either<AppError, RewriteReport>> => {
  const ticketId = rewrite.snapshot.ticket.id;
  const result = await handleCommand(
    deps,
    ticketDecider,
    streams.ticket(ticketId),
    rewrite.command,
    context,
  )();
  if (E.isLeft(result))
    return result.left.kind === 'DomainRefusal'
      ? E.right({
          ...noRewrites,
          decidedAgain: 1,
          refused: [{ ticketId, error: result.left.error }],
        })
      : result;
  const moved = result.right.events.length > 0;
  return E.right({
    rewritten: moved ? 1 : 0,
    decidedAgain: 1,
    refused: [],
    lastPosition: moved ? result.right.position : undefined,
  });
};

/** Decides each command against its ticket's snapshot, and encodes what it decided. */
export const prepareRewrites = (
  deps: CommandDeps,
  context: CommandContext,
  rewrites: ReadonlyArray<TicketRewrite>,
): E.Either<AppError, PreparedRewrites> => {
  const refused: Array<RewriteReport['refused'][number]> = [];
  const decided: Decided[] = [];
  for (const rewrite of rewrites) {
    const { ticket } = rewrite.snapshot;
    const decision = decideTicket(rewrite.command, ticket);
    if (E.isLeft(decision)) {
      refused.push({ ticketId: ticket.id, error: decision.left });
      continue;
    }
    if (decision.right.length === 0) continue;
    const streamName = streams.ticket(ticket.id);
    const events = encodeEvents(deps, streamName, context, decision.right);
    if (E.isLeft(events)) return events;
    decided.push({
      rewrite,
      request: { streamName, events: events.right, expectedRevision: rewrite.snapshot.version },
    });
  }
  return E.right({ decided, refused });
};

/**
 * Appends every ticket's events in one `appendMany` call, each with its snapshot's version as the
 * expected revision: tickets whose stream moved on since are refused by the store, then loaded
 * and decided again one by one.
 */
export const appendRewrites =
  (
    deps: CommandDeps,
    context: CommandContext,
    prepared: PreparedRewrites,
  ): TE.TaskEither<AppError, RewriteReport> =>
  async () => {
    const { decided, refused } = prepared;
    const results: ReadonlyArray<E.Either<StoreError, AppendResult>> =
      decided.length === 0 ? [] : await deps.eventStore.appendMany(decided.map((d) => d.request))();
    let report: RewriteReport = { ...noRewrites, refused };
    const stale: TicketRewrite[] = [];
    for (const [i, result] of results.entries()) {
      if (E.isRight(result))
        report = addReports(report, {
          ...noRewrites,
          rewritten: 1,
          lastPosition: result.right.position,
        });
      else if (isConflict(result.left)) stale.push(decided[i]!.rewrite);
      // the store may have recorded the call or not: the process is run again, and decides again
      else return E.left(fromStoreError(result.left));
    }
    for (const rewrite of stale) {
      const again = await decideAgain(deps, context, rewrite);
      if (E.isLeft(again)) return again;
      report = addReports(report, again.right);
    }
    return E.right(report);
  };

/**
 * Decides each command against its ticket's snapshot and appends all the tickets' events at once
 * (`prepareRewrites`, `appendRewrites`). The outcome is the one of loading every stream, at the
 * cost of one round trip for all of them. A repeat decides nothing for a ticket already
 * rewritten, so replaying a process is harmless.
 */
export const rewriteTickets = (
  deps: CommandDeps,
  context: CommandContext,
  rewrites: ReadonlyArray<TicketRewrite>,
): TE.TaskEither<AppError, RewriteReport> =>
  pipe(
    TE.fromEither(prepareRewrites(deps, context, rewrites)),
    TE.chain((prepared) => appendRewrites(deps, context, prepared)),
  );
