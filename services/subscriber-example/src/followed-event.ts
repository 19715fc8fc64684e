import type { DomainEvent, EventMetadata } from '@helpdesk/events';

/** An event of the log as this service sees it: decoded by `@helpdesk/events`, with its position. */
export interface FollowedEvent {
  /** its global position: where a restart resumes after */
  readonly position: bigint;
  readonly streamName: string;
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
}

/** What a source hands its events to, one at a time and in order. */
export interface EventHandler {
  /** where to start or resume: after this position (the start of the log when undefined) */
  readonly position: () => bigint | undefined;
  readonly handle: (followed: FollowedEvent) => Promise<void>;
  /** the source read up to here without an event for this service (other accounts' events) */
  readonly skipTo: (position: bigint) => Promise<void>;
}

/** A source that cannot go on: a refused token, or an event this contract cannot read. */
export class FollowFailed extends Error {
  override readonly name = 'FollowFailed';
}
