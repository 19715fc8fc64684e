import type { Channel, DomainEvent, EventMetadata } from '@helpdesk/events';
import type { ProjectedEvent } from '../../runtime/projection';

/** How one append differs from the defaults: who acted, through what, why, and in which process. */
export interface AppendContext {
  readonly accountId: string;
  readonly actorId?: string | null;
  readonly actorType?: 'user' | 'system' | 'operator';
  readonly channel?: Channel;
  readonly rel?: string | null;
  readonly correlationId?: string;
  readonly causationId?: string | null;
}

/**
 * A log as the runtime would hand it to projections: global positions from 1, revisions from 0
 * per stream, one minute between appends, deterministic ids.
 */
export class EventLog {
  private readonly recorded: ProjectedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private ids = 0;
  private minutes = 0;

  /** A fresh, deterministic UUID (version 4 layout). */
  id(): string {
    this.ids += 1;
    return `00000000-0000-4000-8000-${this.ids.toString(16).padStart(12, '0')}`;
  }

  /** The time of the next append. */
  now(): string {
    return new Date(Date.UTC(2024, 2, 1, 9, 0, 0) + this.minutes * 60_000).toISOString();
  }

  /** Lets time pass before the next append. */
  elapse(minutes: number): void {
    this.minutes += minutes;
  }

  append(
    streamName: string,
    events: ReadonlyArray<DomainEvent>,
    context: AppendContext,
  ): ReadonlyArray<ProjectedEvent> {
    const occurredAt = this.now();
    this.minutes += 1;
    const correlationId = context.correlationId ?? this.id();
    const appended = events.map((event) => {
      const revision = (this.revisions.get(streamName) ?? -1n) + 1n;
      this.revisions.set(streamName, revision);
      const metadata: EventMetadata = {
        account_id: context.accountId,
        actor: {
          type: context.actorType ?? (context.actorId === null ? 'system' : 'user'),
          id: context.actorId ?? null,
        },
        correlation_id: correlationId,
        causation_id: context.causationId ?? null,
        occurred_at: occurredAt,
        via: { channel: context.channel ?? 'web', rel: context.rel ?? null },
        schema_version: 1,
      };
      const projected: ProjectedEvent = {
        event,
        metadata,
        eventId: this.id(),
        streamName,
        revision,
        globalPosition: BigInt(this.recorded.length + 1),
        recordedAt: new Date(occurredAt),
      };
      this.recorded.push(projected);
      return projected;
    });
    return appended;
  }

  get events(): ReadonlyArray<ProjectedEvent> {
    return this.recorded;
  }
}
