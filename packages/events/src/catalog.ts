import type * as t from 'io-ts';
import { accountEvents, type AccountEvent } from './account';
import { claimEvents, type ClaimEvent } from './claim';
import { configurationEvents, type ConfigurationEvent } from './configuration';
import type { EventDefinition } from './define-event';
import { organizationEvents, type OrganizationEvent } from './organization';
import { ticketEvents, type TicketEvent } from './ticket';
import { userEvents, type UserEvent } from './user';

/** Every event of the published contract, with its codec and schema version. */
export const eventCatalog: ReadonlyArray<EventDefinition<string, t.Mixed>> = [
  ...accountEvents,
  ...userEvents,
  ...organizationEvents,
  ...ticketEvents,
  ...claimEvents,
  ...configurationEvents,
];

export type DomainEvent =
  AccountEvent | UserEvent | OrganizationEvent | TicketEvent | ClaimEvent | ConfigurationEvent;
export type EventType = DomainEvent['type'];

const byType: ReadonlyMap<string, EventDefinition<string, t.Mixed>> = new Map(
  eventCatalog.map((definition) => [definition.type, definition]),
);

export const eventDefinition = (type: string): EventDefinition<string, t.Mixed> | undefined =>
  byType.get(type);
