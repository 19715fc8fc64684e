import { normalizeEmail, type IdentityType, type UserEvent, type Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import {
  accept,
  alreadyExists,
  notFound,
  nothingToDo,
  refuse,
  type Decision,
} from '../shared/decision';
import type {
  AddIdentity,
  IdentityValue,
  MakePrimaryIdentity,
  RemoveIdentity,
  VerifyIdentity,
} from './commands';
import type { ExistingUser, UserIdentity } from './state';

interface TypedValue {
  readonly type: IdentityType;
  readonly value: string;
}

/** The form in which two values of one type are compared: emails case-insensitively (R5.2). */
const canonical = ({ type, value }: TypedValue): string => {
  switch (type) {
    case 'email':
      return normalizeEmail(value);
    case 'phone_number':
      return value.replace(/[^0-9+]/g, '');
    case 'twitter':
      return value.trim().replace(/^@/, '').toLowerCase();
    default:
      return assertNever(type);
  }
};

export const sameIdentity = (a: TypedValue, b: TypedValue): boolean =>
  a.type === b.type && canonical(a) === canonical(b);

export const includesIdentity = (known: ReadonlyArray<TypedValue>, candidate: TypedValue) =>
  known.some((identity) => sameIdentity(identity, candidate));

/** The candidates that are neither known already nor repeated among themselves. */
export const newValuesOnly = <Candidate extends TypedValue>(
  known: ReadonlyArray<TypedValue>,
  candidates: ReadonlyArray<Candidate>,
): ReadonlyArray<Candidate> =>
  candidates.reduce<ReadonlyArray<Candidate>>(
    (kept, candidate) =>
      includesIdentity([...known, ...kept], candidate) ? kept : [...kept, candidate],
    [],
  );

/** A value the user already has: an email is refused by R5.2, other types already exist. */
export const refuseDuplicate = (value: IdentityValue): Decision<never> =>
  value.type === 'email'
    ? refuse('R5.2', `${value.value} is already an email address of this user`)
    : alreadyExists('identity', `the user already has the ${value.type} ${value.value}`);

export const identityAdded = (
  userId: Uuid,
  identityId: Uuid,
  { type, value }: TypedValue,
  verified: boolean,
  primary: boolean,
): UserEvent => ({
  type: 'IdentityAdded',
  data: { user_id: userId, identity: { identity_id: identityId, type, value, verified, primary } },
});

const primaryOf = (user: ExistingUser, type: IdentityType): UserIdentity | undefined =>
  user.identities.find((i) => i.type === type && i.primary);

const findIdentity = (user: ExistingUser, identityId: Uuid): UserIdentity | undefined =>
  user.identities.find((i) => i.id === identityId);

export const addIdentity = (cmd: AddIdentity, user: ExistingUser): Decision<UserEvent> => {
  const { identity } = cmd;
  const sameId = findIdentity(user, identity.identityId);
  if (sameId !== undefined)
    return sameIdentity(sameId, identity) ? nothingToDo() : alreadyExists('identity');
  if (includesIdentity(user.identities, identity)) return refuseDuplicate(identity);
  const primary = primaryOf(user, identity.type) === undefined;
  return accept([
    identityAdded(user.id, identity.identityId, identity, identity.verified, primary),
  ]);
};

export const removeIdentity = (cmd: RemoveIdentity, user: ExistingUser): Decision<UserEvent> => {
  const identity = findIdentity(user, cmd.identityId);
  if (identity === undefined) return notFound('identity');
  const removed: UserEvent = {
    type: 'IdentityRemoved',
    data: { user_id: user.id, identity_id: identity.id },
  };
  if (identity.type === 'email') {
    // R4.6: an owner hands over their profile by making the new address primary, then removing the old
    if (identity.primary)
      return refuse(
        'R4.6',
        'the primary email cannot be removed: make another email primary first',
      );
    const emails = user.identities.filter((i) => i.type === 'email');
    // R3.2: an unverified user must keep an address by which they can be told apart
    if (!user.verified && emails.length === 1)
      return refuse('R3.2', 'the last email of an unverified user cannot be removed');
    return accept([removed]);
  }
  const successor = user.identities.find((i) => i.type === identity.type && i.id !== identity.id);
  if (!identity.primary || successor === undefined) return accept([removed]);
  // promote first, so that the stream never shows two primaries nor a primary that is gone
  return accept([
    {
      type: 'PrimaryIdentityChanged',
      data: { user_id: user.id, identity_id: successor.id, previous_identity_id: identity.id },
    },
    removed,
  ]);
};

export const makePrimaryIdentity = (
  cmd: MakePrimaryIdentity,
  user: ExistingUser,
): Decision<UserEvent> => {
  const identity = findIdentity(user, cmd.identityId);
  if (identity === undefined) return notFound('identity');
  if (identity.primary) return nothingToDo();
  return accept([
    {
      type: 'PrimaryIdentityChanged',
      data: {
        user_id: user.id,
        identity_id: identity.id,
        previous_identity_id: primaryOf(user, identity.type)?.id ?? null,
      },
    },
  ]);
};

export const verifyIdentity = (cmd: VerifyIdentity, user: ExistingUser): Decision<UserEvent> => {
  const identity = findIdentity(user, cmd.identityId);
  if (identity === undefined) return notFound('identity');
  if (identity.verified) return nothingToDo();
  return accept([
    { type: 'IdentityVerified', data: { user_id: user.id, identity_id: identity.id } },
  ]);
};
