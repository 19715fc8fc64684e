import {
  eventDefinition,
  type Actor,
  type EventMetadata,
  type EventType,
  type Uuid,
  type Via,
} from '@helpdesk/events';

/** Who asks for a command and why: everything the metadata of the resulting events says. */
export interface CommandContext {
  readonly accountId: Uuid;
  readonly actor: Actor;
  /** shared by every event one request or one process causes */
  readonly correlationId: string;
  /** the request or event that directly caused this command; null for a user's own request */
  readonly causationId: string | null;
  readonly via: Via;
}

// every type of the DomainEvent union is in the catalog (its test lists them), so 1 is never used
const schemaVersionOf = (type: EventType): number => eventDefinition(type)?.schemaVersion ?? 1;

export const eventMetadata = (
  context: CommandContext,
  type: EventType,
  occurredAt: Date,
): EventMetadata => ({
  account_id: context.accountId,
  actor: context.actor,
  correlation_id: context.correlationId,
  causation_id: context.causationId,
  occurred_at: occurredAt.toISOString(),
  via: context.via,
  schema_version: schemaVersionOf(type),
});
