import type { AppendRequest, EventToAppend, JsonObject } from '@helpdesk/event-store';
import type { DomainEvent } from '@helpdesk/events';

/**
 * A deterministic log for runtime tests and the crash test: tickets (created, commented, their
 * status changed) and user streams in between, every event valid against the published contract.
 * It is produced in chunks of append requests, so a large log never sits in memory whole.
 */
export interface SampleLogOptions {
  /** about this many events in total (whole tickets are generated) */
  readonly events: number;
  /** events per chunk handed to `appendMany` */
  readonly chunkEvents?: number;
  /** ids differ between logs with different seeds */
  readonly seed?: number;
}

const accountId = '00000000-0000-4000-8000-00000000a000';

const uuid = (seed: number, kind: number, n: number): string =>
  `${(seed % 0xffffffff).toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-4000-8000-${n
    .toString(16)
    .padStart(12, '0')}`;

const metadata = (n: number, actorId: string): JsonObject => ({
  account_id: accountId,
  actor: { type: 'user', id: actorId },
  correlation_id: `corr-${n}`,
  causation_id: null,
  occurred_at: new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString(),
  via: { channel: 'web', rel: null },
  schema_version: 1,
});

const toAppend = (seed: number, n: number, event: DomainEvent, actorId: string): EventToAppend => ({
  id: uuid(seed, 0xe, n),
  type: event.type,
  data: event.data as unknown as JsonObject,
  metadata: metadata(n, actorId),
});

const statuses = ['open', 'pending', 'solved'] as const;

/** One ticket's stream: created, `comments` comments, one status change. */
const ticketRequest = (
  seed: number,
  ticket: number,
  comments: number,
  next: () => number,
): AppendRequest => {
  const ticketId = uuid(seed, 0x7, ticket);
  const requesterId = uuid(seed, 0x5, ticket % 97);
  const events: EventToAppend[] = [
    toAppend(
      seed,
      next(),
      {
        type: 'TicketCreated',
        data: {
          ticket_id: ticketId,
          account_id: accountId,
          subject: `Ticket ${ticket}`,
          requester_id: requesterId,
          submitter_id: requesterId,
          organization_id: null,
          status: 'new',
          channel: 'web',
          collaborator_ids: [],
        },
      },
      requesterId,
    ),
  ];
  for (let c = 0; c < comments; c++)
    events.push(
      toAppend(
        seed,
        next(),
        {
          type: 'CommentAdded',
          data: {
            ticket_id: ticketId,
            comment_id: uuid(seed, 0xc, ticket * 16 + c),
            author_id: requesterId,
            body: `Comment ${c} on ticket ${ticket}`,
            public: c % 2 === 0,
          },
        },
        requesterId,
      ),
    );
  events.push(
    toAppend(
      seed,
      next(),
      {
        type: 'TicketStatusChanged',
        data: { ticket_id: ticketId, previous_status: 'new', status: statuses[ticket % 3]! },
      },
      requesterId,
    ),
  );
  return { streamName: `ticket-${ticketId}`, events, expectedRevision: 'no_stream' };
};

const userRequest = (seed: number, user: number, next: () => number): AppendRequest => {
  const userId = uuid(seed, 0x5, user);
  return {
    streamName: `user-${userId}`,
    events: [toAppend(seed, next(), { type: 'UserVerified', data: { user_id: userId } }, userId)],
    expectedRevision: 'any',
  };
};

export function* sampleLog(options: SampleLogOptions): Generator<ReadonlyArray<AppendRequest>> {
  const seed = options.seed ?? 1;
  const chunkEvents = options.chunkEvents ?? 5000;
  let produced = 0;
  const next = () => ++produced;
  let chunk: AppendRequest[] = [];
  let inChunk = 0;
  for (let ticket = 1; produced < options.events; ticket++) {
    const before = produced;
    chunk.push(ticketRequest(seed, ticket, ticket % 5, next));
    if (ticket % 4 === 0) chunk.push(userRequest(seed, ticket % 97, next));
    inChunk += produced - before;
    if (inChunk >= chunkEvents) {
      yield chunk;
      chunk = [];
      inChunk = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
