import * as E from 'fp-ts/Either';
import type { Uuid } from '@helpdesk/events';
import { assertNever } from '../shared/decider';
import type { DomainError } from '../shared/domain-error';
import type { KnownUser } from '../shared/facts';
import type { TicketChannel } from './commands';

export const belongsTo = (user: KnownUser, organizationId: Uuid): boolean =>
  user.organizationIds.includes(organizationId);

/**
 * The organization a ticket of this user gets when nothing else is chosen: their only one (R2.7),
 * else their default (R2.1). A default the user is not a member of is ignored, so a ticket's
 * organization is always one of its requester's (R2.2).
 */
export const defaultOrganizationOf = (user: KnownUser): Uuid | null => {
  const [only, ...others] = user.organizationIds;
  if (only !== undefined && others.length === 0) return only;
  const fallback = user.defaultOrganizationId;
  return fallback !== null && belongsTo(user, fallback) ? fallback : null;
};

/**
 * The organization of a new ticket, by channel:
 * - email: the requester's default, whatever was asked (R2.3);
 * - web and portal: any of the requester's organizations, a foreign one is refused, none gives
 *   the default (R2.4);
 * - api: the one asked for when the requester belongs to it, otherwise the default, never an
 *   error (R2.5).
 * With a single organization there is nothing to choose (R2.7), except that web and portal still
 * refuse a foreign one: it can only come from a client that is wrong about the requester.
 */
export const organizationOnCreation = (
  channel: TicketChannel,
  requester: KnownUser,
  requested: Uuid | null | undefined,
): E.Either<DomainError, Uuid | null> => {
  const asked = requested ?? null;
  switch (channel) {
    case 'email':
      return E.right(defaultOrganizationOf(requester));
    case 'web':
    case 'portal':
      if (asked === null) return E.right(defaultOrganizationOf(requester));
      return belongsTo(requester, asked)
        ? E.right(asked)
        : E.left({
            kind: 'RuleViolation',
            rule: 'R2.4',
            message: "the ticket's organization must be one of its requester's organizations",
          });
    case 'api':
      return E.right(
        asked !== null && belongsTo(requester, asked) ? asked : defaultOrganizationOf(requester),
      );
    default:
      return assertNever(channel);
  }
};
