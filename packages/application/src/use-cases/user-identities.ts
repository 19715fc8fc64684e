import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { userDecider, type IdentityValue, type User, type UserCommand } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import type { CommandDeps, CommandResult, HandleOptions } from '../command/handle-command';
import { claimUnique, releaseClaim } from '../claims/claim-unique';
import { claimsAvailable } from '../claims/claims-available';
import { withClaims } from '../claims/with-claims';
import { actOnUser, onUserStream } from './act-on-user';
import { contextOf, type Caller } from './caller';

export interface IdentityResult {
  readonly identityId: Uuid;
  readonly result: CommandResult<User>;
}

const isStaff = (caller: Caller): boolean =>
  caller.actor.type !== 'user' || caller.actor.role !== 'end-user';

/**
 * `POST /users/{id}/identities`. An email is claimed in the account first (R5.2) and given back if
 * the user refuses it. Only the team may mark an identity verified: a user's own word is not proof.
 */
export const addIdentity = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  identity: IdentityValue & { readonly verified?: boolean },
  options: HandleOptions = {},
): TE.TaskEither<AppError, IdentityResult> =>
  actOnUser(deps, caller, userId, ['identities'], (user) => {
    const identityId = deps.ids.next();
    const value: IdentityValue = { type: identity.type, value: identity.value } as IdentityValue;
    const command: UserCommand = {
      type: 'AddIdentity',
      userId,
      identity: { identityId, verified: isStaff(caller) && identity.verified === true, ...value },
    };
    const claims =
      value.type === 'email'
        ? [claimUnique(deps, 'email', caller.accountId, value.value, userId, contextOf(caller))]
        : [];
    return pipe(
      // refused before any claim is taken, so that a refusal appends nothing
      TE.fromEither(pipe(userDecider.decide(command, user), E.mapLeft(domainRefusal))),
      TE.chain(() =>
        value.type === 'email'
          ? claimsAvailable(deps.eventStore, caller.accountId, userId, [
              { kind: 'email', value: value.value },
            ])
          : TE.right(undefined),
      ),
      TE.chain(() => withClaims(claims, onUserStream(deps, caller, userId, command, options))),
      TE.map((result) => ({ identityId, result })),
    );
  });

/** `PUT /users/{id}/identities/{iid}/make_primary` (R4.6: how an owner hands over their profile). */
export const makePrimaryIdentity = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  identityId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, ['identities'], () =>
    onUserStream(
      deps,
      caller,
      userId,
      { type: 'MakePrimaryIdentity', userId, identityId },
      options,
    ),
  );

const identityNotFound = (identityId: Uuid): AppError =>
  domainRefusal({
    kind: 'NotFound',
    entity: 'identity',
    message: `identity ${identityId} not found`,
  });

/** `DELETE /users/{id}/identities/{iid}`; a removed email is given back to the account (R5.2). */
export const removeIdentity = (
  deps: CommandDeps,
  caller: Caller,
  userId: Uuid,
  identityId: Uuid,
  options: HandleOptions = {},
): TE.TaskEither<AppError, CommandResult<User>> =>
  actOnUser(deps, caller, userId, ['identities'], (user) => {
    const identity = user.identities.find((i) => i.id === identityId);
    if (identity === undefined) return TE.left(identityNotFound(identityId));
    return pipe(
      onUserStream(deps, caller, userId, { type: 'RemoveIdentity', userId, identityId }, options),
      TE.chainFirst((result) =>
        identity.type === 'email' && result.events.length > 0
          ? releaseClaim(deps, 'email', caller.accountId, identity.value, userId, contextOf(caller))
          : TE.right(undefined),
      ),
    );
  });
