import { normalizeEmail, type TicketEvent } from '@helpdesk/events';
import type { ExistingTicket } from '../ticket';
import type { ProblemKind, World } from './world';

/** The invariants the scenarios must keep after every step; each returns what it found broken. */
export type Invariant = (world: World) => ReadonlyArray<string>;

export const problemsOf =
  (...kinds: ReadonlyArray<ProblemKind>): Invariant =>
  (world) =>
    world.problems.filter((p) => kinds.includes(p.kind)).map((p) => `${p.kind}: ${p.message}`);

const lastIndex = (
  history: ReadonlyArray<TicketEvent>,
  matches: (event: TicketEvent) => boolean,
): number => history.reduce((last, event, i) => (matches(event) ? i : last), -1);

/**
 * R3.8: a merge does not change a ticket's organization. So when the last requester change of a
 * ticket was a merge and nothing set its organization since, the ticket keeps the organization it
 * had under the source, which the target may not have (without multiple organizations a target
 * that has one keeps only its own).
 */
const keptThroughMerge = (history: ReadonlyArray<TicketEvent>): boolean => {
  const merged = lastIndex(
    history,
    (e) => e.type === 'RequesterChanged' && e.data.reason === 'merge',
  );
  const requesterChanged = lastIndex(history, (e) => e.type === 'RequesterChanged');
  const organizationSet = lastIndex(history, (e) => e.type === 'TicketOrganizationChanged');
  return merged >= 0 && merged === requesterChanged && organizationSet < merged;
};

/** R2.8, R2.9: an archived ticket keeps the organization it had; nothing moves it any more. */
const movedAfterArchiving = (history: ReadonlyArray<TicketEvent>): boolean =>
  lastIndex(history, (e) => e.type === 'TicketOrganizationChanged') >
    lastIndex(history, (e) => e.type === 'TicketArchived') &&
  history.some((e) => e.type === 'TicketArchived');

/**
 * R2.2: a ticket's organization, when set, is one of its requester's organizations, and (R2.9)
 * one that was not removed; except where the rules keep an organization on purpose: archived
 * tickets (R2.8, R2.9) and tickets a merge handed to a target that lacks it (R3.8). Both
 * exceptions are checked to be exactly that: an archived ticket's organization never changes
 * again, a merge never changes one (and, with multiple organizations, the target gets it).
 */
export const ticketOrganizationIsTheRequesters: Invariant = (world) => [
  ...problemsOf('R3.8')(world),
  ...world.existingTickets().flatMap((ticket: ExistingTicket) => {
    const history = world.tickets.events(ticket.id);
    if (movedAfterArchiving(history)) return [`ticket ${ticket.id} moved after it was archived`];
    const organizationId = ticket.organizationId;
    if (organizationId === null || ticket.archived) return [];
    if (!world.organizationIsLive(organizationId))
      return [`ticket ${ticket.id} is still in the removed organization ${organizationId}`];
    if (keptThroughMerge(history)) return [];
    const requester = world.user(ticket.requesterId);
    const isMember = requester?.memberships.some((m) => m.organizationId === organizationId);
    return isMember
      ? []
      : [
          `ticket ${ticket.id} is in ${organizationId}, not an organization of ${ticket.requesterId}`,
        ];
  }),
];

/**
 * R2.1: a member of one or more organizations has exactly one default, one of them; a user with
 * none has no default. Also, while the account never allowed multiple organizations, nobody has
 * more than one.
 */
export const oneDefaultOrganization: Invariant = (world) =>
  world.existingUsers().flatMap((user) => {
    const organizations = user.memberships.map((m) => m.organizationId);
    const problems: string[] = [];
    if (new Set(organizations).size < organizations.length)
      problems.push(`${user.id} is twice in one organization`);
    if (organizations.length === 0 && user.defaultOrganizationId !== null)
      problems.push(`${user.id} has a default organization but no organization`);
    if (
      organizations.length > 0 &&
      (user.defaultOrganizationId === null || !organizations.includes(user.defaultOrganizationId))
    )
      problems.push(`${user.id} is in ${organizations} with default ${user.defaultOrganizationId}`);
    if (!world.everAllowedMultipleOrganizations && organizations.length > 1)
      problems.push(
        `${user.id} is in ${organizations.length} organizations on an account without multiple organizations`,
      );
    return problems;
  });

/** R4.1: exactly one owner at any time, an active admin of the account. */
export const oneOwnerWhoIsAnAdmin: Invariant = (world) => {
  const ownerId = world.account().ownerId;
  const owner = world.user(ownerId);
  if (owner === undefined) return [`the owner ${ownerId} is not a user`];
  if (owner.role !== 'admin' || owner.status !== 'active')
    return [`the owner ${ownerId} is an ${owner.status} ${owner.role}`];
  return [];
};

/**
 * R3.5, R3.6, R3.7: a merged user never becomes a requester or a CC again (watched on every
 * event), and once its merge is carried out no ticket is requested by it and no open ticket
 * copies it.
 */
export const mergedUsersTakeNoPart: Invariant = (world) => [
  ...problemsOf('R3.5')(world),
  ...world.existingTickets().flatMap((ticket) => {
    const merged = (id: string) => world.user(id)?.status === 'merged';
    return [
      ...(merged(ticket.requesterId) ? [`ticket ${ticket.id} is requested by a merged user`] : []),
      ...(!ticket.archived && ticket.collaboratorIds.some(merged)
        ? [`ticket ${ticket.id} copies a merged user`]
        : []),
    ];
  }),
];

/**
 * R5.2: an address (compared case-insensitively) is an identity of at most one user, and its
 * claim names that user. Merged and deleted users keep their identities in their history; their
 * addresses were transferred to the merge's target or released, so only active users count.
 */
export const emailOnOneUser: Invariant = (world) => {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const user of world.existingUsers()) {
    if (user.status !== 'active') continue;
    for (const identity of user.identities) {
      if (identity.type !== 'email') continue;
      const address = normalizeEmail(identity.value);
      const other = owners.get(address);
      if (other !== undefined) problems.push(`${address} belongs to ${other} and ${user.id}`);
      owners.set(address, user.id);
      const holder = world.holderOfEmail(address);
      if (holder !== user.id) problems.push(`${address} of ${user.id} is claimed by ${holder}`);
    }
  }
  return problems;
};

const all =
  (...invariants: ReadonlyArray<Invariant>): Invariant =>
  (world) =>
    invariants.flatMap((invariant) => invariant(world));

/** When process managers lag behind the commands: what holds all the same. */
export const heldWhileProcessManagersLag: Invariant = all(
  oneDefaultOrganization,
  oneOwnerWhoIsAnAdmin,
  emailOnOneUser,
  problemsOf('R3.5', 'R3.8', 'R3.9', 'refusal', 'determinism', 'contract'),
);

/** What their reactions restore once they have caught up (R2.8, R2.9, R3.6, R3.7). */
export const heldOnceProcessManagersCaughtUp: Invariant = all(
  ticketOrganizationIsTheRequesters,
  mergedUsersTakeNoPart,
);
