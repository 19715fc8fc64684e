import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { User } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import type { CommandDeps, CommandResult, HandleOptions } from '../command/handle-command';
import { actOnUser, loadOrganization, onUserStream } from './act-on-user';
import type { Caller } from './caller';
import { knownAccountOf } from './lookups';

export interface NewMembershipRequest {
  readonly userId: Uuid;
  readonly organizationId: Uuid;
  /** make it the user's default organization (R2.1) */
  readonly makeDefault?: boolean;
  /** R6.9: sees every ticket of the organization in the portal */
  readonly primaryContact?: boolean;
}

export interface MembershipResult {
  readonly membershipId: Uuid;
  readonly result: CommandResult<User>;
}

const membershipNotFound = (membershipId: Uuid): AppError =>
  domainRefusal({
    kind: 'NotFound',
    entity: 'organization_membership',
    message: `organization membership ${membershipId} not found`,
  });

/**
 * `POST /organization_memberships`: the organization must be one of the account's (else not found);
 * R2.1 decides whether the user may belong to one more. Joining an organization the user is
 * already in changes nothing and answers with the membership they have.
 */
export const addMembership = (
  deps: CommandDeps,
  caller: Caller,
  request: NewMembershipRequest,
  options: HandleOptions = {},
): TE.TaskEither<AppError, MembershipResult> =>
  actOnUser(deps, caller, request.userId, ['memberships'], () =>
    pipe(
      loadOrganization(deps.eventStore, caller.accountId, request.organizationId),
      TE.chain(() => knownAccountOf(deps.eventStore, caller.accountId)),
      TE.chain((account) =>
        onUserStream(
          deps,
          caller,
          request.userId,
          {
            type: 'AddOrganizationMembership',
            userId: request.userId,
            membershipId: deps.ids.next(),
            organizationId: request.organizationId,
            primaryContact: request.primaryContact ?? false,
            account,
            ...(request.makeDefault === undefined ? {} : { makeDefault: request.makeDefault }),
          },
          options,
        ),
      ),
      TE.chain((result) => {
        const membership = result.state.exists
          ? result.state.memberships.find((m) => m.organizationId === request.organizationId)
          : undefined;
        return membership === undefined
          ? TE.left(membershipNotFound(request.organizationId))
          : TE.right({ membershipId: membership.membershipId, result });
      }),
    ),
  );

/** `DELETE /organization_memberships/{id}`; R2.8's ticket moves follow from the event. */
export const removeMembership = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  membershipId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, ['memberships'], () =>
    onUserStream(
      deps,
      caller,
      userId,
      { type: 'RemoveOrganizationMembership', userId, membershipId },
      options,
    ),
  );

/** `PUT /users/{uid}/organization_memberships/{mid}/make_default` (R2.1). */
export const makeDefaultMembership = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  membershipId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, ['memberships'], (user) => {
    const membership = user.memberships.find((m) => m.membershipId === membershipId);
    if (membership === undefined) return TE.left(membershipNotFound(membershipId));
    return onUserStream(
      deps,
      caller,
      userId,
      { type: 'MakeDefaultOrganization', userId, organizationId: membership.organizationId },
      options,
    );
  });
