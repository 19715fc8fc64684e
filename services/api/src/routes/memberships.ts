import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { addMembership, makeDefaultMembership, removeMembership } from '@helpdesk/application';
import { Uuid } from '@helpdesk/events';
import { membershipsOf } from '@helpdesk/projections';
import type { UserPrincipal } from '../auth/principal';
import { afterWrite, found, readModel, type ApiEnv } from '../env';
import { fromAppError, notFound, type ApiError } from '../http/errors';
import { pinnedRevision } from '../http/etags';
import { reply, type Reply } from '../http/reply';
import { everyone, team, userRoute, type Route } from '../http/route';
import { membershipHolder } from '../queries/membership-holder';
import { membershipJson } from '../representations/organization';
import { IdParam, UserMembershipParams } from './params';
import { userInView } from './users-in-view';

const MembershipBody = t.type({
  organization_membership: t.intersection([
    t.type({ user_id: Uuid, organization_id: Uuid }),
    t.partial({ default: t.boolean, primary_contact: t.boolean }),
  ]),
});

const membershipsReply = (
  env: ApiEnv,
  principal: UserPrincipal,
  userId: string,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    // another account's user is not found, rather than a user without organizations
    userInView(env, principal, userId),
    TE.chain(() => readModel(membershipsOf(env.session, principal.accountId, userId))),
    TE.map((memberships) =>
      reply(200, { organization_memberships: memberships.map(membershipJson) }),
    ),
  );

/** Which organizations a user belongs to, and which is the default (R2.1, R2.8, R6.9). */
export const membershipRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/organization_memberships',
    roles: team,
    body: MembershipBody,
    handle: ({ caller, principal, body }) => {
      const m = body.organization_membership;
      return pipe(
        addMembership(env.commands, caller, {
          userId: m.user_id,
          organizationId: m.organization_id,
          ...(m.default === undefined ? {} : { makeDefault: m.default }),
          ...(m.primary_contact === undefined ? {} : { primaryContact: m.primary_contact }),
        }),
        TE.mapLeft(fromAppError('organization_membership.organization_id')),
        TE.chainFirst(({ result }) => afterWrite(env, ['users'], result.position)),
        TE.chain(({ membershipId }) =>
          pipe(
            readModel(membershipsOf(env.session, principal.accountId, m.user_id)),
            TE.chain((memberships) => {
              const membership = memberships.find((x) => x.id === membershipId);
              return membership === undefined
                ? TE.left(notFound('organization_membership'))
                : TE.right(reply(201, { organization_membership: membershipJson(membership) }));
            }),
          ),
        ),
      );
    },
  }),

  userRoute({
    method: 'delete',
    path: '/organization_memberships/:id',
    roles: team,
    params: IdParam,
    handle: ({ caller, principal, params, ifMatch }) =>
      pipe(
        found(
          'organization_membership',
          membershipHolder(env.session, principal.accountId, params.id),
        ),
        TE.chain((userId) =>
          pipe(
            removeMembership(env.commands, caller, userId, params.id, pinnedRevision(ifMatch)),
            TE.mapLeft(fromAppError('organization_membership')),
          ),
        ),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/users/:id/organization_memberships',
    roles: everyone,
    params: IdParam,
    handle: ({ principal, params }) => membershipsReply(env, principal, params.id),
  }),

  userRoute({
    method: 'put',
    path: '/users/:userId/organization_memberships/:id/make_default',
    roles: team,
    params: UserMembershipParams,
    handle: ({ caller, principal, params, ifMatch }) =>
      pipe(
        makeDefaultMembership(
          env.commands,
          caller,
          params.userId,
          params.id,
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError('organization_membership')),
        TE.chainFirst((result) => afterWrite(env, ['users'], result.position)),
        TE.chain(() => membershipsReply(env, principal, params.userId)),
      ),
  }),
];
