import type { Uuid } from '@helpdesk/events';
import type { FollowedEvent } from './followed-event';

/** A ticket's requester changed: what this service prints. */
export interface RequesterChange {
  readonly position: bigint;
  readonly accountId: Uuid;
  readonly ticketId: Uuid;
  /** null when the ticket was just opened */
  readonly from: Uuid | null;
  readonly to: Uuid;
  /** `opened`, or the `reason` of `RequesterChanged` (`manual`, `merge`) */
  readonly why: string;
}

/** What the tally saves: enough to go on after a restart exactly where it stopped. */
export interface TallySnapshot {
  readonly position: bigint | undefined;
  /** each ticket's requester */
  readonly requesters: ReadonlyArray<readonly [ticketId: Uuid, requesterId: Uuid]>;
}

/**
 * Each requester's ticket count, from `TicketCreated` and `RequesterChanged`. It remembers the
 * position of the last event it counted and ignores any event at or before it, so that an event
 * delivered again (a source resuming from an older checkpoint) is never counted twice.
 */
export class RequesterTally {
  private readonly requesterOf: Map<Uuid, Uuid>;
  private last: bigint | undefined;

  constructor(snapshot: TallySnapshot = { position: undefined, requesters: [] }) {
    this.requesterOf = new Map(snapshot.requesters);
    this.last = snapshot.position;
  }

  get position(): bigint | undefined {
    return this.last;
  }

  private seen(position: bigint): boolean {
    return this.last !== undefined && position <= this.last;
  }

  /** Counts one event; the change it makes to a ticket's requester, if any. */
  apply({ position, event, metadata }: FollowedEvent): RequesterChange | undefined {
    if (this.seen(position)) return undefined;
    this.last = position;
    const accountId = metadata.account_id;
    if (event.type === 'TicketCreated') {
      this.requesterOf.set(event.data.ticket_id, event.data.requester_id);
      const { ticket_id: ticketId, requester_id: to } = event.data;
      return { position, accountId, ticketId, from: null, to, why: 'opened' };
    }
    if (event.type === 'RequesterChanged') {
      this.requesterOf.set(event.data.ticket_id, event.data.requester_id);
      const { ticket_id: ticketId, previous_requester_id: from, requester_id: to } = event.data;
      return { position, accountId, ticketId, from, to, why: event.data.reason };
    }
    // every other event only moves the position: this service has nothing to do with it
    return undefined;
  }

  /** Moves past events the source read without handing them over. */
  skipTo(position: bigint): void {
    if (!this.seen(position)) this.last = position;
  }

  ticketsPerRequester(): ReadonlyMap<Uuid, number> {
    const counts = new Map<Uuid, number>();
    for (const requester of this.requesterOf.values())
      counts.set(requester, (counts.get(requester) ?? 0) + 1);
    return counts;
  }

  snapshot(): TallySnapshot {
    return { position: this.last, requesters: [...this.requesterOf] };
  }
}
