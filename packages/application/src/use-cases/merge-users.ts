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
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import { handleCommand, type CommandDeps } from '../command/handle-command';
import { transferClaim } from '../claims/claim-unique';
import { contextOf, type Caller } from './caller';
import { knownAccountOf, loadUser } from './lookups';

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
 * R3: merges the source user into the target, step by step, each one command on one stream: the
 * source is merged (R3.1–R3.5), the target absorbs it (R3.8), the source's emails pass to the
 * target, every ticket moves (R3.6, R3.7), and the source records the merge as completed. Every
 * step after the first decides nothing when repeated, so resuming after a crash rewrites no
 * ticket twice (R3.9).
 */
export const mergeUsers = (
  deps: CommandDeps,
  tickets: UserTickets,
  caller: Caller,
  sourceId: Uuid,
  targetId: Uuid,
): TE.TaskEither<AppError, MergeOutcome> => {
  const context = contextOf(caller, 'merge');
  const system = {
    ...caller,
    actor: { type: 'system' as const },
    causationId: caller.correlationId,
  };
  const systemContext = contextOf(system, 'merge');
  return pipe(
    TE.Do,
    TE.apS('account', knownAccountOf(deps.eventStore, caller.accountId)),
    TE.apS('source', loadUser(deps.eventStore, caller.accountId, sourceId)),
    TE.apS('target', loadUser(deps.eventStore, caller.accountId, targetId)),
    TE.apS('sourceCount', tickets.countRequested(caller.accountId, sourceId)),
    TE.apS('targetCount', tickets.countRequested(caller.accountId, targetId)),
    TE.chainFirst(({ account, target, sourceCount, targetCount }) =>
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
        context,
      ),
    ),
    TE.chainFirst(({ account, source }) =>
      handleCommand(
        deps,
        userDecider,
        streams.user(targetId),
        {
          type: 'AbsorbMergedUser',
          userId: targetId,
          source: toMergedSource(source, () => deps.ids.next()),
          account,
        },
        systemContext,
      ),
    ),
    TE.chainFirst(({ source }) =>
      pipe(
        [...emailsOf(source)],
        A.map((email) =>
          transferClaim(
            deps,
            'email',
            caller.accountId,
            email,
            { holderId: sourceId },
            { holderId: targetId },
            systemContext,
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
                systemContext,
              ),
            ),
            TE.sequenceSeqArray,
          ),
        ),
        TE.map((results) => {
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
        systemContext,
      ),
    ),
    TE.map(({ moved }) => moved),
  );
};
