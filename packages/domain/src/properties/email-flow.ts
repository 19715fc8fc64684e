import * as E from 'fp-ts/Either';
import { normalizeEmail, type Uuid } from '@helpdesk/events';
import { ClaimValue, ReleaseValue } from '../claim';
import { AddIdentity, CreateUser, MakePrimaryIdentity, RemoveIdentity } from '../user';
import { accountId } from './pools';
import type { World } from './world';

/**
 * R5.2 as the application layer enforces it: an address is claimed in its claim stream before
 * any user stream records it, and released when no user holds it any more. A claim this attempt
 * made is released again when the user's own decision refuses, so a refused command leaves no
 * trace.
 */

const claim = (world: World, holderId: Uuid, addresses: ReadonlyArray<string>) => {
  const newlyClaimed: string[] = [];
  for (const address of addresses) {
    const command: ClaimValue = { type: 'ClaimValue', accountId, kind: 'email', holderId };
    const decision = world.decide(world.claims, world.emailClaimKey(address), command, ClaimValue);
    if (E.isLeft(decision)) {
      release(world, holderId, newlyClaimed);
      return { ok: false, newlyClaimed: [] };
    }
    if (decision.right.length > 0) newlyClaimed.push(address);
  }
  return { ok: true, newlyClaimed };
};

export const release = (world: World, holderId: Uuid, addresses: ReadonlyArray<string>): void => {
  const command: ReleaseValue = { type: 'ReleaseValue', accountId, kind: 'email', holderId };
  for (const address of addresses)
    world.decide(world.claims, world.emailClaimKey(address), command, ReleaseValue);
};

/** Claims first, then creates; true when the user was created. */
export const createUser = (world: World, command: CreateUser): boolean => {
  const addresses = command.identities.flatMap((i) => (i.type === 'email' ? [i.value] : []));
  const claimed = claim(world, command.userId, addresses);
  if (!claimed.ok) return false;
  const decision = world.decide(world.users, command.userId, command, CreateUser);
  if (E.isLeft(decision)) release(world, command.userId, claimed.newlyClaimed);
  return E.isRight(decision);
};

export const addEmail = (world: World, userId: Uuid, address: string, verified: boolean): void => {
  if (world.user(userId) === undefined) return; // the application answers 404
  const claimed = claim(world, userId, [address]);
  if (!claimed.ok) return;
  const command: AddIdentity = {
    type: 'AddIdentity',
    userId,
    identity: { identityId: world.newId(), verified, type: 'email', value: address },
  };
  const decision = world.decide(world.users, userId, command, AddIdentity);
  if (E.isLeft(decision)) release(world, userId, claimed.newlyClaimed);
};

const emailIdentity = (world: World, userId: Uuid, address: string) =>
  world
    .user(userId)
    ?.identities.find(
      (i) => i.type === 'email' && normalizeEmail(i.value) === normalizeEmail(address),
    );

export const removeEmail = (world: World, userId: Uuid, address: string): void => {
  const identity = emailIdentity(world, userId, address);
  if (identity === undefined) return;
  const command: RemoveIdentity = { type: 'RemoveIdentity', userId, identityId: identity.id };
  const decision = world.decide(world.users, userId, command, RemoveIdentity);
  if (E.isRight(decision) && decision.right.length > 0) release(world, userId, [identity.value]);
};

export const makePrimaryEmail = (world: World, userId: Uuid, address: string): void => {
  const identity = emailIdentity(world, userId, address);
  if (identity === undefined) return;
  const command: MakePrimaryIdentity = {
    type: 'MakePrimaryIdentity',
    userId,
    identityId: identity.id,
  };
  world.decide(world.users, userId, command, MakePrimaryIdentity);
};

/** The addresses a user's identities hold, as the claims know them. */
export const emailsHeldBy = (world: World, userId: Uuid): ReadonlyArray<string> =>
  world.user(userId)?.identities.flatMap((i) => (i.type === 'email' ? [i.value] : [])) ?? [];
