import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { userDecider, type OrganizationMoveReason } from '@helpdesk/domain';
import { streams, type OrganizationEvent, type UserEvent, type Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import { handleCommand } from '../../command/handle-command';
import { loadUser } from '../../use-cases/lookups';
import { readModelCaughtUp } from '../caught-up';
import type { OrganizationMembers, ReadModelProgress, TicketSnapshot } from '../ports';
import { causeOf, systemContext, type ProcessEvent } from '../process-event';
import { eachTicket, rewriteEveryPage, type RewriteDeps } from '../rewrite-pages';
import type { RewriteReport, TicketRewrite } from '../ticket-rewrites';

export interface OrganizationMoveDeps extends RewriteDeps {
  readonly progress: ReadModelProgress;
  readonly members: OrganizationMembers;
}

type Removed<E> = ProcessEvent & { readonly event: E };
export type MembershipRemoved = Removed<
  Extract<UserEvent, { type: 'OrganizationMembershipRemoved' }>
>;
export type OrganizationRemoved = Removed<
  Extract<OrganizationEvent, { type: 'OrganizationRemoved' }>
>;

/** Where a requester's tickets go when they leave `from`: their default now, or none (R2.8, R2.9). */
const destinationFor = async (
  deps: OrganizationMoveDeps,
  accountId: Uuid,
  requesterId: Uuid,
  from: Uuid,
): Promise<E.Either<AppError, Uuid | null>> => {
  const user = await loadUser(deps.eventStore, accountId, requesterId)();
  if (E.isLeft(user)) return user;
  // a requester who (re)joined it keeps their tickets there: a move to `from` decides nothing
  if (user.right.memberships.some((m) => m.organizationId === from)) return E.right(from);
  return E.right(user.right.defaultOrganizationId);
};

const move = (
  snapshot: TicketSnapshot,
  from: Uuid,
  to: Uuid | null,
  reason: OrganizationMoveReason,
): TicketRewrite => ({
  snapshot,
  command: {
    type: 'MoveTicketOrganization',
    ticketId: snapshot.ticket.id,
    actor: { type: 'system' },
    requesterId: snapshot.ticket.requesterId,
    fromOrganizationId: from,
    toOrganizationId: to,
    reason,
  },
});

/**
 * R2.8: the user left an organization (its default was promoted first, by the user decider); the
 * non-archived tickets they request in it move to their default organization now, or to none.
 * Leaving because the organization was removed is R2.9's reason.
 */
export const moveAfterMembershipRemoved =
  (
    deps: OrganizationMoveDeps,
    trigger: MembershipRemoved,
  ): TE.TaskEither<AppError, RewriteReport> =>
  async () => {
    const { user_id: userId, organization_id: from } = trigger.event.data;
    const accountId = trigger.metadata.account_id;
    const reason: OrganizationMoveReason =
      trigger.metadata.via.rel === 'organization_removed'
        ? 'organization_removed'
        : 'membership_removed';
    const to = await destinationFor(deps, accountId, userId, from);
    if (E.isLeft(to)) return to;
    const caughtUp = await readModelCaughtUp(deps, 'tickets', trigger.position)();
    if (E.isLeft(caughtUp)) return caughtUp;
    return rewriteEveryPage(
      deps,
      { kind: 'requested_in', accountId, requesterId: userId, organizationId: from },
      systemContext(causeOf(trigger), reason),
      eachTicket((snapshot) => move(snapshot, from, to.right, reason).command),
    )();
  };

/**
 * R2.9: every member leaves the removed organization (its default promoted first, by the user
 * decider), then each non-archived ticket in it moves to its requester's default now, or to none.
 * Archived tickets keep it.
 */
export const moveAfterOrganizationRemoved =
  (
    deps: OrganizationMoveDeps,
    trigger: OrganizationRemoved,
  ): TE.TaskEither<AppError, RewriteReport> =>
  async () => {
    const { organization_id: from, account_id: accountId } = trigger.event.data;
    const context = systemContext(causeOf(trigger), 'organization_removed');
    const usersCaughtUp = await readModelCaughtUp(deps, 'users', trigger.position)();
    if (E.isLeft(usersCaughtUp)) return usersCaughtUp;
    const members = await deps.members.memberIds(accountId, from)();
    if (E.isLeft(members)) return members;
    for (const userId of members.right) {
      const left = await handleCommand(
        deps,
        userDecider,
        streams.user(userId),
        { type: 'LeaveRemovedOrganization', userId, organizationId: from },
        context,
      )();
      if (E.isLeft(left)) {
        if (left.left.kind !== 'DomainRefusal') return left;
        deps.logger.error('a member could not leave a removed organization', {
          userId,
          organizationId: from,
          error: left.left.error,
        });
      }
    }
    const caughtUp = await readModelCaughtUp(deps, 'tickets', trigger.position)();
    if (E.isLeft(caughtUp)) return caughtUp;
    const destinations = new Map<Uuid, Uuid | null>();
    return rewriteEveryPage(
      deps,
      { kind: 'in_organization', accountId, organizationId: from },
      context,
      (snapshots) => async () => {
        const rewrites: TicketRewrite[] = [];
        for (const snapshot of snapshots) {
          const { requesterId } = snapshot.ticket;
          if (!destinations.has(requesterId)) {
            const to = await destinationFor(deps, accountId, requesterId, from);
            if (E.isLeft(to)) return to;
            destinations.set(requesterId, to.right);
          }
          rewrites.push(
            move(snapshot, from, destinations.get(requesterId)!, 'organization_removed'),
          );
        }
        return E.right(rewrites);
      },
    )();
  };
