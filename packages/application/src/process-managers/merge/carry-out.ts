import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  emailsOf,
  toKnownUser,
  toMergedSource,
  userDecider,
  type ExistingUser,
} from '@helpdesk/domain';
import { streams } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import type { CommandContext } from '../../command/context';
import { handleCommand } from '../../command/handle-command';
import { transferClaim } from '../../claims/claim-unique';
import { knownAccountOf, loadUser } from '../../use-cases/lookups';
import type { KnownMerge, MergeTally, MergeTallyCount, ReadModelProgress } from '../ports';
import { readModelCaughtUp } from '../caught-up';
import { systemContext } from '../process-event';
import { eachTicket, rewriteEveryPage, type RewriteDeps } from '../rewrite-pages';
import type { RewriteReport } from '../ticket-rewrites';
import { finalTargetOf } from './final-target';

export interface MergeDeps extends RewriteDeps {
  readonly progress: ReadModelProgress;
  readonly tally: MergeTally;
}

export type MergeResult =
  | { readonly kind: 'already_completed' }
  | (MergeTallyCount & {
      readonly kind: 'completed';
      readonly targetId: string;
      /** what this run did: after a restart, only the tickets left to move */
      readonly thisRun: RewriteReport;
    });

/** The context of every command a merge's process issues: its correlation id, `rel` merge (R3.6). */
export const mergeContext = (merge: KnownMerge): CommandContext =>
  systemContext(
    {
      accountId: merge.accountId,
      correlationId: merge.correlationId,
      causationId: merge.mergeId,
      channel: merge.channel,
    },
    'merge',
  );

const noMergeToCarryOut = (merge: KnownMerge): AppError =>
  domainRefusal({
    kind: 'RuleViolation',
    rule: 'R3.9',
    message: `user ${merge.sourceId} has no merge to carry out`,
  });

/** R3.8: the source's addresses go to the target; one that is no longer the source's stays put. */
const transferEmails = async (
  deps: MergeDeps,
  merge: KnownMerge,
  source: ExistingUser,
  target: ExistingUser,
  context: CommandContext,
): Promise<E.Either<AppError, void>> => {
  for (const email of emailsOf(source)) {
    const moved = await transferClaim(
      deps,
      'email',
      merge.accountId,
      email,
      { holderId: source.id },
      { holderId: target.id },
      context,
    )();
    if (E.isLeft(moved)) {
      if (moved.left.kind !== 'DomainRefusal') return moved;
      deps.logger.error('an email of a merged user could not pass to its target', {
        mergeId: merge.mergeId,
        error: moved.left.error,
      });
    }
  }
  return E.right(undefined);
};

/**
 * Everything after `UserMerged`, as the system, under the merge's correlation id: the final
 * target absorbs the source (R3.8) and takes its emails, every ticket the source requests or is
 * CC on moves (R3.6, R3.7), then the merge is recorded as completed and the source queued for
 * deletion (R3.5). Each step decides nothing when repeated, so a run resumed after a crash only
 * does what is left (R3.9).
 */
export const carryOutUserMerge =
  (deps: MergeDeps, merge: KnownMerge): TE.TaskEither<AppError, MergeResult> =>
  async () => {
    const context = mergeContext(merge);
    const source = await loadUser(deps.eventStore, merge.accountId, merge.sourceId)();
    if (E.isLeft(source)) return source;
    if (source.right.status !== 'merged' || source.right.mergedIntoId === null)
      return E.left(noMergeToCarryOut(merge));
    if (source.right.mergeCompleted) return E.right({ kind: 'already_completed' });

    const target = await finalTargetOf(
      deps.eventStore,
      merge.accountId,
      source.right.mergedIntoId,
    )();
    if (E.isLeft(target)) return target;
    const account = await knownAccountOf(deps.eventStore, merge.accountId)();
    if (E.isLeft(account)) return account;
    const absorbed = await handleCommand(
      deps,
      userDecider,
      streams.user(target.right.id),
      {
        type: 'AbsorbMergedUser',
        userId: target.right.id,
        source: toMergedSource(source.right, () => deps.ids.next()),
        account: account.right,
      },
      context,
    )();
    if (E.isLeft(absorbed)) return absorbed;
    const emails = await transferEmails(deps, merge, source.right, target.right, context);
    if (E.isLeft(emails)) return emails;

    // a ticket created just before the merge must be in the read model before it is read
    const caughtUp = await readModelCaughtUp(deps, 'tickets', merge.position)();
    if (E.isLeft(caughtUp)) return caughtUp;
    const moved = await rewriteEveryPage(
      deps,
      { kind: 'involving', accountId: merge.accountId, userId: merge.sourceId },
      context,
      eachTicket(({ ticket }) => ({
        type: 'MoveToMergeTarget',
        ticketId: ticket.id,
        actor: { type: 'system' },
        sourceId: merge.sourceId,
        target: toKnownUser(target.right),
      })),
    )();
    if (E.isLeft(moved)) return moved;

    // counted from the audits, so that the tickets moved before a crash count too
    const audited = await readModelCaughtUp(deps, 'ticket_audits', merge.position)();
    if (E.isLeft(audited)) return audited;
    const count = await deps.tally.count(merge.accountId, merge.correlationId, merge.sourceId)();
    if (E.isLeft(count)) return count;
    const completed = await handleCommand(
      deps,
      userDecider,
      streams.user(merge.sourceId),
      { type: 'CompleteMerge', userId: merge.sourceId, ...count.right },
      context,
    )();
    if (E.isLeft(completed)) return completed;
    return E.right({
      kind: 'completed',
      targetId: target.right.id,
      ...count.right,
      thisRun: moved.right,
    });
  };
