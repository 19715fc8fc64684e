import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  userDecider,
  type CreateUser,
  type NewIdentity,
  type NewProfile,
  type User,
} from '@helpdesk/domain';
import { streams, type Role, type Uuid, type UserSource } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../command/handle-command';
import { claimUnique } from '../claims/claim-unique';
import { withClaims } from '../claims/with-claims';
import { contextOf, type Caller } from './caller';
import { knownAccountOf } from './lookups';

export interface NewUser {
  readonly profile: NewProfile;
  readonly role: Role;
  readonly source: UserSource;
  readonly verified?: boolean;
  /** the first becomes the primary email */
  readonly emails?: ReadonlyArray<string>;
  readonly xHandle?: string;
  /** the first becomes the default organization */
  readonly organizationIds?: ReadonlyArray<Uuid>;
}

/**
 * Adds a user (R5.1). Each email is claimed in the account first (R5.2: two users can never hold
 * one address, even when created at the same instant), then the user is created; if the user is
 * refused, the claims taken are given back.
 */
export const createUser = (
  deps: CommandDeps,
  caller: Caller,
  user: NewUser,
  userId: Uuid = deps.ids.next(),
): TE.TaskEither<AppError, CommandResult<User>> => {
  const context = contextOf(caller);
  const emails = user.emails ?? [];
  const identities: NewIdentity[] = [
    ...emails.map((value) => ({
      identityId: deps.ids.next(),
      verified: false,
      type: 'email' as const,
      value,
    })),
    ...(user.xHandle === undefined
      ? []
      : [
          {
            identityId: deps.ids.next(),
            verified: false,
            type: 'twitter' as const,
            value: user.xHandle,
          },
        ]),
  ];
  const memberships = (user.organizationIds ?? []).map((organizationId) => ({
    membershipId: deps.ids.next(),
    organizationId,
    primaryContact: false,
  }));
  return pipe(
    knownAccountOf(deps.eventStore, caller.accountId),
    TE.map((account): CreateUser => ({
      type: 'CreateUser',
      userId,
      accountId: caller.accountId,
      actor: caller.actor,
      role: user.role,
      profile: user.profile,
      verified: user.verified ?? false,
      source: user.source,
      identities,
      memberships,
      account,
    })),
    // decided once before any claim, so that a refused user leaves no claim taken and given back
    // in the log (a refused request appends nothing); the append decides again
    TE.chainFirstEitherK((command) =>
      pipe(userDecider.decide(command, userDecider.initialState()), E.mapLeft(domainRefusal)),
    ),
    TE.chain((command) =>
      withClaims(
        emails.map((email) => claimUnique(deps, 'email', caller.accountId, email, userId, context)),
        handleCommand(deps, userDecider, streams.user(userId), command, context),
      ),
    ),
  );
};
