import {
  accountEvents,
  organizationEvents,
  ticketEvents,
  userEvents,
  type AccountEvent,
  type DomainEvent,
  type OrganizationEvent,
  type TicketEvent,
  type UserEvent,
} from '@helpdesk/events';
import type { ProjectedEvent } from '../runtime/projection';

/** A projected event whose domain event is known to be of one family. */
export type ProjectedOf<E extends DomainEvent> = Omit<ProjectedEvent, 'event'> & {
  readonly event: E;
};

const guardOf = <E extends DomainEvent>(
  definitions: ReadonlyArray<{ readonly type: string }>,
): ((projected: ProjectedEvent) => projected is ProjectedOf<E>) => {
  const types = new Set(definitions.map((definition) => definition.type));
  return (projected): projected is ProjectedOf<E> => types.has(projected.event.type);
};

export const isTicketEvent = guardOf<TicketEvent>(ticketEvents);
export const isUserEvent = guardOf<UserEvent>(userEvents);
export const isOrganizationEvent = guardOf<OrganizationEvent>(organizationEvents);
export const isAccountEvent = guardOf<AccountEvent>(accountEvents);

/** Makes a `switch` exhaustive: adding a variant without a branch fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected variant ${JSON.stringify(value)}`);
};

/** The user who acted, or null for the system and operators. */
export const actorIdOf = (projected: ProjectedEvent): string | null => projected.metadata.actor.id;
