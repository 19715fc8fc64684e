import type { Uuid } from '@helpdesk/events';

/**
 * The small pools of ids and addresses the random scenarios draw from: small on purpose, so that
 * commands collide often (the same address twice, a ticket of a user being merged, ...).
 * Each kind of id has its own leading digit so that a counterexample reads well.
 */

const uuid = (prefix: string, n: number): Uuid =>
  `${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const accountId = uuid('a', 1);

/** `users[0]` is the owner, created with the account; the others are created by the scenario. */
export const users: ReadonlyArray<Uuid> = [0, 1, 2, 3, 4, 5].map((n) => uuid('b', n));
export const ownerId = users[0]!;

/** `organizations[0]` is the account's "Unassigned" organization, created with it (R6.4). */
export const organizations: ReadonlyArray<Uuid> = [0, 1, 2, 3].map((n) => uuid('c', n));
export const unassignedId = organizations[0]!;

export const tickets: ReadonlyArray<Uuid> = [0, 1, 2, 3, 4, 5].map((n) => uuid('d', n));

/** Staff who act without being in the user pool (the application authenticated them). */
export const staffAgentId = uuid('e', 1);
export const staffAdminId = uuid('e', 2);

/** Two spellings of one address, so that R5.2's case-insensitive comparison is exercised. */
export const emails: ReadonlyArray<string> = [
  'owner@example.com',
  'ann@example.com',
  'ANN@Example.COM',
  'bob@example.com',
  'nobody@mail.invalid',
];
export const ownerEmail = emails[0]!;

/** Ids the "application" generates for new identities, memberships and comments. */
export const idGenerator = (): (() => Uuid) => {
  let next = 0;
  return () => uuid('f', (next += 1));
};
