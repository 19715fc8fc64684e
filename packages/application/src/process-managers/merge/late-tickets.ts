import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { ticketDecider, toKnownUser } from '@helpdesk/domain';
import { streams, type TicketEvent, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import { handleCommand, type CommandDeps } from '../../command/handle-command';
import type { KnownMerge, ProcessLogger } from '../ports';
import { mergeContext } from './carry-out';
import { finalTargetOf } from './final-target';

/** The users a ticket event makes requester or CC of its ticket. */
export const participantsNamedBy = (event: TicketEvent): ReadonlyArray<Uuid> => {
  switch (event.type) {
    case 'TicketCreated':
      return [event.data.requester_id, ...event.data.collaborator_ids];
    case 'RequesterChanged':
      return [event.data.requester_id];
    case 'CollaboratorAdded':
    case 'CollaboratorReplaced':
      return [event.data.user_id];
    default:
      return [];
  }
};

export interface LateTicket {
  readonly ticketId: Uuid;
  readonly merge: KnownMerge;
}

/**
 * A ticket event that names a merged user after the merge was taken on: a ticket created for the
 * source while its merge was being accepted (its facts were read before `UserMerged`), or moved
 * to a target that was itself merged meanwhile. It gets the merge's share all the same (R3.5,
 * R3.6, R3.7), loaded from its stream; a ticket already moved decides nothing.
 */
export const moveLateTicket =
  (
    deps: CommandDeps & { readonly logger: ProcessLogger },
    late: LateTicket,
  ): TE.TaskEither<AppError, boolean> =>
  async () => {
    const { merge, ticketId } = late;
    const target = await finalTargetOf(deps.eventStore, merge.accountId, merge.targetId)();
    if (E.isLeft(target)) return target;
    const moved = await handleCommand(
      deps,
      ticketDecider,
      streams.ticket(ticketId),
      {
        type: 'MoveToMergeTarget',
        ticketId,
        actor: { type: 'system' },
        sourceId: merge.sourceId,
        target: toKnownUser(target.right),
      },
      mergeContext(merge),
    )();
    if (E.isLeft(moved)) {
      if (moved.left.kind !== 'DomainRefusal') return moved;
      deps.logger.error('a ticket naming a merged user could not be moved', {
        ticketId,
        mergeId: merge.mergeId,
        error: moved.left.error,
      });
      return E.right(false);
    }
    if (moved.right.events.length > 0)
      deps.logger.info('moved a ticket that named a merged user', {
        ticketId,
        mergeId: merge.mergeId,
        sourceId: merge.sourceId,
      });
    return E.right(moved.right.events.length > 0);
  };
