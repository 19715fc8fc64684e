import * as A from 'fp-ts/Array';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { claimDecider, type KnownUser, type User } from '@helpdesk/domain';
import { streams, type Uuid, type UserSource } from '@helpdesk/events';
import type { AppError } from '../command/app-error';
import type { CommandDeps, CommandResult } from '../command/handle-command';
import { loadStream } from '../command/load-stream';
import type { Caller } from './caller';
import { createUser } from './create-user';
import { knownUserVia } from './lookups';

/**
 * A person a ticket names: a user by id, or someone by email address (and name), who is the
 * account's user holding that address or, when nobody holds it, a new end user (R1.2, R5.1).
 */
export type PersonRef =
  | { readonly kind: 'user'; readonly userId: Uuid }
  | { readonly kind: 'person'; readonly email: string; readonly name?: string };

/** A person resolved: the facts a ticket command carries, and the user to create first, if any. */
export interface ResolvedPerson {
  readonly known: KnownUser;
  readonly toCreate?: {
    readonly userId: Uuid;
    readonly name: string;
    readonly email: string;
    readonly source: UserSource;
  };
}

/** Who holds an address in the account, read from its claim stream (R5.2), never from a read model. */
export const holderOfEmail = (
  deps: CommandDeps,
  accountId: Uuid,
  email: string,
): TE.TaskEither<AppError, Uuid | null> =>
  pipe(
    loadStream(deps.eventStore, claimDecider, streams.claim('email', accountId, email)),
    TE.map(({ state }) => state.holderId),
  );

/** The name a person gets when the request gives none: the address's local part. */
const nameFrom = (email: string): string => email.split('@')[0] || email;

const resolveOne = async (
  deps: CommandDeps,
  caller: Caller,
  source: UserSource,
  pending: Map<string, ResolvedPerson>,
  ref: PersonRef,
): Promise<E.Either<AppError, ResolvedPerson>> => {
  const knownAs = async (userId: Uuid): Promise<E.Either<AppError, ResolvedPerson>> => {
    const known = await knownUserVia(deps, caller.accountId, userId)();
    return E.isLeft(known) ? known : E.right({ known: known.right });
  };
  if (ref.kind === 'user') return knownAs(ref.userId);
  const key = ref.email.trim().toLowerCase();
  const already = pending.get(key);
  if (already !== undefined) return E.right(already);
  const holderId = await holderOfEmail(deps, caller.accountId, ref.email)();
  if (E.isLeft(holderId)) return holderId;
  if (holderId.right !== null) return knownAs(holderId.right);
  const userId = deps.ids.next();
  const person: ResolvedPerson = {
    // what the user will be once created: an active end user of no organization
    known: {
      id: userId,
      accountId: caller.accountId,
      role: 'end-user',
      status: 'active',
      organizationIds: [],
      defaultOrganizationId: null,
    },
    toCreate: { userId, name: ref.name ?? nameFrom(ref.email), email: ref.email, source },
  };
  pending.set(key, person);
  return E.right(person);
};

/**
 * Resolves every person of a request, one after the other; an address named twice is one new
 * user. Nothing is appended: the users to create are created by `createPending`, once the ticket
 * command they take part in has been decided (a refused request appends nothing).
 */
export const resolvePeople =
  (
    deps: CommandDeps,
    caller: Caller,
    refs: ReadonlyArray<{ readonly ref: PersonRef; readonly source: UserSource }>,
  ): TE.TaskEither<AppError, ReadonlyArray<ResolvedPerson>> =>
  async () => {
    const pending = new Map<string, ResolvedPerson>();
    const people: ResolvedPerson[] = [];
    for (const { ref, source } of refs) {
      const person = await resolveOne(deps, caller, source, pending, ref);
      if (E.isLeft(person)) return person;
      people.push(person.right);
    }
    return E.right(people);
  };

/** Creates the users the resolved people stand for (each once), in order: the first fact recorded. */
export const createPending = (
  deps: CommandDeps,
  caller: Caller,
  people: ReadonlyArray<ResolvedPerson>,
): TE.TaskEither<AppError, ReadonlyArray<CommandResult<User>>> => {
  const seen = new Set<Uuid>();
  const toCreate = people.flatMap((p) => {
    if (p.toCreate === undefined || seen.has(p.toCreate.userId)) return [];
    seen.add(p.toCreate.userId);
    return [p.toCreate];
  });
  if (toCreate.length === 0) return TE.right([]);
  return pipe(
    toCreate,
    A.map((user) =>
      createUser(
        deps,
        caller,
        {
          profile: { name: user.name },
          role: 'end-user',
          source: user.source,
          emails: [user.email],
        },
        user.userId,
      ),
    ),
    TE.sequenceSeqArray,
  );
};
