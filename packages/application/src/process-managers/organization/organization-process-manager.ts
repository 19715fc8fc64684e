import * as E from 'fp-ts/Either';
import type { AppError } from '../../command/app-error';
import type { ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';
import type { RewriteReport } from '../ticket-rewrites';
import {
  moveAfterMembershipRemoved,
  moveAfterOrganizationRemoved,
  type MembershipRemoved,
  type OrganizationMoveDeps,
  type OrganizationRemoved,
} from './organization-moves';

const isMembershipRemoved = (e: ProcessEvent): e is MembershipRemoved =>
  e.event.type === 'OrganizationMembershipRemoved';
const isOrganizationRemoved = (e: ProcessEvent): e is OrganizationRemoved =>
  e.event.type === 'OrganizationRemoved';

/**
 * R2.8 and R2.9 in one process, so that an organization's removal is handled before the
 * membership removals it causes: by then its tickets have moved with reason
 * `organization_removed`, and those removals find nothing left to move.
 */
export const organizationProcessManager = (deps: OrganizationMoveDeps): ProcessManager => {
  const handleOne = async (
    e: ProcessEvent,
  ): Promise<E.Either<AppError, RewriteReport | undefined>> => {
    if (isOrganizationRemoved(e)) return moveAfterOrganizationRemoved(deps, e)();
    if (isMembershipRemoved(e)) return moveAfterMembershipRemoved(deps, e)();
    return E.right(undefined);
  };
  return {
    name: 'organization_moves',
    filter: { streamPrefixes: ['user-', 'organization-'] },
    handle: (events) => async () => {
      for (const e of events) {
        const result = await handleOne(e);
        if (E.isLeft(result)) {
          if (result.left.kind !== 'DomainRefusal') return result;
          deps.logger.error('tickets could not move out of an organization', {
            eventId: e.eventId,
            type: e.event.type,
            error: result.left.error,
          });
        } else if (result.right !== undefined && result.right.rewritten > 0)
          deps.logger.info('tickets moved out of an organization', {
            eventId: e.eventId,
            type: e.event.type,
            ticketsMoved: result.right.rewritten,
          });
      }
      return E.right(undefined);
    },
  };
};
