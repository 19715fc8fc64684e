import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import type { CommandDeps } from '../command/handle-command';
import type { Caller } from './caller';
import { carryOutMerge, requestMerge } from './request-merge';

/** What a merge reads from the tickets read model (R3.3, R3.6, R3.7); `projections` implements it. */
export interface UserTickets {
  readonly countRequested: (accountId: Uuid, userId: Uuid) => TE.TaskEither<AppError, number>;
  /** every ticket the user requests or is copied on, closed and archived ones included */
  readonly ticketsInvolving: (
    accountId: Uuid,
    userId: Uuid,
  ) => TE.TaskEither<AppError, ReadonlyArray<Uuid>>;
}

export interface MergeOutcome {
  readonly ticketsRewritten: number;
  readonly ccsReplaced: number;
}

/**
 * R3 in the caller's process, for demos and tests that run no worker: the merge is requested
 * (`requestMerge`: R3.1–R3.5, R3.8) then carried out one command at a time (`carryOutMerge`:
 * R3.6–R3.9). In the service the worker's merge process manager carries it out instead.
 */
export const mergeUsers = (
  deps: CommandDeps,
  tickets: UserTickets,
  caller: Caller,
  sourceId: Uuid,
  targetId: Uuid,
): TE.TaskEither<AppError, MergeOutcome> =>
  pipe(
    requestMerge(deps, tickets, caller, sourceId, targetId),
    TE.chain(() => carryOutMerge(deps, tickets, caller, sourceId)),
  );
