import * as A from 'fp-ts/Array';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  emailsOf,
  ticketDecider,
  toKnownUser,
  toMergedSource,
  toMergeTarget,
  userDecider,
  type ExistingUser,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { RecordedEvent } from '@helpdesk/event-store';
import { domainRefusal, type AppError } from '../command/app-error';
import { handleCommand, type CommandDeps } from '../command/handle-command';
import { transferClaim } from '../claims/claim-unique';
import { contextOf, type Caller } from './caller';
import { finalTargetOf } from '../process-managers/merge/final-target';
import { knownAccountOf, loadUser } from './lookups';
import type { MergeOutcome, UserTickets } from './merge-users';

/**
 * A merge in two parts, for a caller that must answer before the tickets move (`PUT
 * /users/{id}/merge` answers with a job status): `requestMerge` decides it on the source
 * (R3.1–R3.5, refused at once); the rest is the worker's merge process manager
 * (`mergeProcessManager`), which reacts to `UserMerged`, resumes after a crash and rewrites the
 * tickets in batches (R3.6–R3.9). `carryOutMerge` does the same one command at a time, in the
 * caller's process: for demos and tests that run no worker. `mergeUsers` is both in one.
 */

/** R3.3: how many tickets a user requests, read from the tickets read model. */
export type RequestedTicketCounts = Pick<UserTickets, 'countRequested'>;

/** The job a merge request answers with; `user_merges` follows it from then on (same id). */
export interface MergeJob {
  /** the id of the `UserMerged` event */
  readonly id: Uuid;
  readonly status: 'queued';
  readonly progress: 0;
  /** known once the merge completes */
  readonly total: null;
}

export interface RequestedMerge {
  /** the `UserMerged` event: its id names the merge's job status */
  readonly merged: RecordedEvent;
  readonly job: MergeJob;
  readonly source: ExistingUser;
  readonly target: ExistingUser;
}

/**
 * R3.1–R3.5 decided on the source's stream, with both users read from their streams and the
 * ticket counts (R3.3) from the read model. Accepted, the source is merged at once (it can no
 * longer request, be merged or be a merge's target) and the target takes its profile data
 * (R3.8); the tickets follow.
 */
export const requestMerge = (
  deps: CommandDeps,
  tickets: RequestedTicketCounts,
  caller: Caller,
  sourceId: Uuid,
  targetId: Uuid,
): TE.TaskEither<AppError, RequestedMerge> =>
  pipe(
    TE.Do,
    TE.apS('account', knownAccountOf(deps.eventStore, caller.accountId)),
    TE.apS('source', loadUser(deps.eventStore, caller.accountId, sourceId)),
    TE.apS('target', loadUser(deps.eventStore, caller.accountId, targetId)),
    TE.apS('sourceCount', tickets.countRequested(caller.accountId, sourceId)),
    TE.apS('targetCount', tickets.countRequested(caller.accountId, targetId)),
    TE.bind('result', ({ account, target, sourceCount, targetCount }) =>
      handleCommand(
        deps,
        userDecider,
        streams.user(sourceId),
        {
          type: 'MergeInto',
          userId: sourceId,
          target: toMergeTarget(target, targetCount),
          sourceRequestedTicketCount: sourceCount,
          account,
          actor: caller.actor,
        },
        contextOf(caller, 'merge'),
      ),
    ),
    // R3.8 at once: the target's stream then knows of the merge, so that it cannot be deleted
    // before the merge completes (`refusalWhileMergedInto`); the process manager repeats it,
    // deciding nothing, or absorbs into the final target if this target is merged meanwhile
    TE.chainFirst(({ account, source, result }) =>
      result.events.length === 0
        ? TE.right(undefined)
        : handleCommand(
            deps,
            userDecider,
            streams.user(targetId),
            {
              type: 'AbsorbMergedUser',
              userId: targetId,
              source: toMergedSource(source, () => deps.ids.next()),
              account,
            },
            contextOf(caller, 'merge'),
          ),
    ),
    TE.chain(({ result, source, target }) => {
      const merged = result.events.find((e) => e.type === 'UserMerged');
      return merged === undefined
        ? TE.left(
            domainRefusal({
              kind: 'RuleViolation',
              rule: 'R3.5',
              message: 'the source was already merged',
            }),
          )
        : TE.right({
            merged,
            job: { id: merged.id, status: 'queued' as const, progress: 0 as const, total: null },
            source,
            target,
          });
    }),
  );

const notMerged = (sourceId: Uuid): AppError =>
  domainRefusal({
    kind: 'RuleViolation',
    rule: 'R3.9',
    message: `user ${sourceId} has no merge to carry out`,
  });

/**
 * Everything after the source was merged, as the system, one command at a time in the caller's
 * process (the worker's merge process manager does the same in batches): the final target absorbs
 * the source (R3.8), the source's emails pass to it, every ticket moves (R3.6, R3.7), and the merge
 * is recorded as completed. Each step decides nothing when repeated, so running it twice rewrites
 * nothing twice. Its counts are what this run did: after an interrupted run, the process
 * manager's (counted from the audits) are the ones to trust.
 */
export const carryOutMerge = (
  deps: CommandDeps,
  tickets: UserTickets,
  caller: Caller,
  sourceId: Uuid,
): TE.TaskEither<AppError, MergeOutcome> => {
  const system: Caller = {
    ...caller,
    actor: { type: 'system' },
    causationId: caller.correlationId,
  };
  const context = contextOf(system, 'merge');
  return pipe(
    TE.Do,
    TE.apS('account', knownAccountOf(deps.eventStore, caller.accountId)),
    TE.apS('source', loadUser(deps.eventStore, caller.accountId, sourceId)),
    TE.bind('targetId', ({ source }) =>
      source.status === 'merged' && source.mergedIntoId !== null
        ? TE.right(source.mergedIntoId)
        : TE.left(notMerged(sourceId)),
    ),
    // R3.5: the final target, should the target have been merged since
    TE.bind('target', ({ targetId }) => finalTargetOf(deps.eventStore, caller.accountId, targetId)),
    TE.chainFirst(({ account, source, target }) =>
      handleCommand(
        deps,
        userDecider,
        streams.user(target.id),
        {
          type: 'AbsorbMergedUser',
          userId: target.id,
          source: toMergedSource(source, () => deps.ids.next()),
          account,
        },
        context,
      ),
    ),
    TE.chainFirst(({ source, target }) =>
      pipe(
        [...emailsOf(source)],
        A.map((email) =>
          transferClaim(
            deps,
            'email',
            caller.accountId,
            email,
            { holderId: sourceId },
            { holderId: target.id },
            context,
          ),
        ),
        TE.sequenceSeqArray,
      ),
    ),
    TE.bind('moved', ({ target }) =>
      pipe(
        tickets.ticketsInvolving(caller.accountId, sourceId),
        TE.chain((ticketIds) =>
          pipe(
            [...ticketIds],
            A.map((ticketId) =>
              handleCommand(
                deps,
                ticketDecider,
                streams.ticket(ticketId),
                {
                  type: 'MoveToMergeTarget',
                  ticketId,
                  actor: { type: 'system' },
                  sourceId,
                  target: toKnownUser(target),
                },
                context,
              ),
            ),
            TE.sequenceSeqArray,
          ),
        ),
        TE.map((results): MergeOutcome => {
          const types = results.flatMap((r) => r.events.map((e) => e.type));
          return {
            ticketsRewritten: types.filter((t) => t === 'RequesterChanged').length,
            ccsReplaced: types.filter(
              (t) => t === 'CollaboratorReplaced' || t === 'CollaboratorRemoved',
            ).length,
          };
        }),
      ),
    ),
    TE.chainFirst(({ moved }) =>
      handleCommand(
        deps,
        userDecider,
        streams.user(sourceId),
        { type: 'CompleteMerge', userId: sourceId, ...moved },
        context,
      ),
    ),
    TE.map(({ moved }) => moved),
  );
};
