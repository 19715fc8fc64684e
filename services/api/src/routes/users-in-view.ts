import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { streams, type Uuid } from '@helpdesk/events';
import { findUser, type UserView } from '@helpdesk/projections';
import type { UserPrincipal } from '../auth/principal';
import { foundOnceProjected, ownerOf, type ApiEnv } from '../env';
import { notFound, type ApiError } from '../http/errors';
import { userJson, type Viewer } from '../representations/user';

export const viewerOf = (principal: UserPrincipal): Viewer =>
  principal.user.role === 'end-user' ? 'end-user' : 'team';

/** End users reach only their own data: any other user is not found to them (api.md). */
export const mayView = (principal: UserPrincipal, userId: Uuid): TE.TaskEither<ApiError, void> =>
  principal.user.role === 'end-user' && principal.user.id !== userId
    ? TE.left(notFound('user'))
    : TE.right(undefined);

/** A user of the caller's account from the read model, as the caller may see it. */
export const userInView = (
  env: ApiEnv,
  principal: UserPrincipal,
  userId: Uuid,
): TE.TaskEither<ApiError, UserView> =>
  pipe(
    mayView(principal, userId),
    TE.chain(() =>
      foundOnceProjected(env, 'user', 'users', streams.user(userId), () =>
        findUser(env.session, principal.accountId, userId),
      ),
    ),
  );

/** `{"user": ...}` with its ETag, as the caller may see it. */
export const userReplyBody = (env: ApiEnv, principal: UserPrincipal, user: UserView) =>
  pipe(
    ownerOf(env, principal.accountId),
    TE.map((ownerId) => ({ user: userJson(user, ownerId, viewerOf(principal)) })),
  );
