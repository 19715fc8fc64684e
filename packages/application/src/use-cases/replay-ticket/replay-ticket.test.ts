import * as E from 'fp-ts/Either';
import { asOfHead, replayTicket } from '@helpdesk/domain';
import type { DomainEvent, EventMetadata } from '@helpdesk/events';
import { createMemoryEventStore, type EventStore, type JsonObject } from '@helpdesk/event-store';
import { readTicketHistory } from './read-ticket-history';
import { ticketReplayJson } from './replay-json';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const account = id(1);
const ticket = id(10);
const [alice, bob, agent, comment] = [id(20), id(21), id(30), id(50)];

const metadata = (minute: number, overrides: Partial<EventMetadata> = {}): JsonObject =>
  ({
    account_id: account,
    actor: { type: 'user', id: agent },
    correlation_id: `request-${minute}`,
    causation_id: null,
    occurred_at: new Date(Date.UTC(2024, 2, 1, 9, minute)).toISOString(),
    via: { channel: 'api', rel: null },
    schema_version: 1,
    ...overrides,
  }) as unknown as JsonObject;

const append = async (
  store: EventStore,
  stream: string,
  events: ReadonlyArray<{ type: string; data: unknown; metadata: JsonObject }>,
) => {
  const appended = await store.appendToStream(
    stream,
    events.map((e, i) => ({ id: id(900 + i), ...e, data: e.data as JsonObject })),
  )();
  if (E.isLeft(appended)) throw new Error(JSON.stringify(appended.left));
};

const created: DomainEvent = {
  type: 'TicketCreated',
  data: {
    ticket_id: ticket,
    account_id: account,
    subject: 'Printer on fire',
    requester_id: alice,
    submitter_id: agent,
    organization_id: null,
    status: 'new',
    channel: 'api',
    collaborator_ids: [],
  },
};

const history = async (store: EventStore) => {
  const read = await readTicketHistory(store, ticket)();
  if (E.isLeft(read)) throw new Error(JSON.stringify(read.left));
  return read.right;
};

describe('a ticket’s history read straight from the event store', () => {
  it('R1.3 decodes each event with its envelope and place in the log, and replays it', async () => {
    const store = createMemoryEventStore();
    await append(store, `ticket-${ticket}`, [
      { ...created, metadata: metadata(0) },
      {
        type: 'RequesterChanged',
        data: {
          ticket_id: ticket,
          previous_requester_id: alice,
          requester_id: bob,
          reason: 'merge',
        },
        metadata: metadata(1, {
          actor: { type: 'system', id: null },
          via: { channel: 'api', rel: 'merge' },
          correlation_id: 'merge-7',
          causation_id: 'user-merged-7',
        }),
      },
    ]);
    const entries = await history(store);
    expect(entries.map((e) => [e.revision, e.event.type, e.metadata.via.rel])).toEqual([
      [0n, 'TicketCreated', null],
      [1n, 'RequesterChanged', 'merge'],
    ]);
    expect(entries[1]!.globalPosition).toBeGreaterThan(entries[0]!.globalPosition);
    const replay = replayTicket(entries, asOfHead);
    if (E.isLeft(replay)) throw new Error('refused');
    expect(ticketReplayJson(replay.right, { seesPrivateComments: true })).toMatchObject({
      ticket: { requester_id: bob, original_requester_id: alice, version: 1 },
      events: [
        { revision: 0, type: 'TicketCreated', correlation_id: 'request-0' },
        {
          revision: 1,
          type: 'RequesterChanged',
          actor: { type: 'system', id: null },
          via: { channel: 'api', rel: 'merge' },
          correlation_id: 'merge-7',
          causation_id: 'user-merged-7',
          occurred_at: '2024-03-01T09:01:00.000Z',
        },
      ],
      as_of: { revision: 1, time: '2024-03-01T09:01:00.000Z' },
    });
  });

  it('a stream that does not exist is an empty history', async () => {
    expect(await history(createMemoryEventStore())).toEqual([]);
  });

  it.each([
    [
      'an event that does not decode',
      { type: 'TicketArchived', data: { ticket_id: 'nope' } },
      'data.ticket_id',
    ],
    [
      'an event of another category',
      { type: 'UserDeleted', data: { user_id: alice } },
      'another stream category',
    ],
  ])(
    '%s makes the stream corrupt, naming its revision: a replay never skips one',
    async (_, bad, why) => {
      const store = createMemoryEventStore();
      await append(store, `ticket-${ticket}`, [
        { ...created, metadata: metadata(0) },
        { ...bad, metadata: metadata(1) },
      ]);
      const read = await readTicketHistory(store, ticket)();
      expect(read).toEqual(
        E.left(
          expect.objectContaining({
            kind: 'CorruptStream',
            revision: 1n,
            eventId: id(901),
            error: expect.objectContaining({ message: expect.stringContaining(why) }),
          }),
        ),
      );
    },
  );

  it('shows end users no text of private comments', async () => {
    const store = createMemoryEventStore();
    const note = { ticket_id: ticket, comment_id: comment, author_id: agent, body: 'VIP, careful' };
    await append(store, `ticket-${ticket}`, [
      { ...created, metadata: metadata(0) },
      { type: 'CommentAdded', data: { ...note, public: false }, metadata: metadata(1) },
    ]);
    const replay = replayTicket(await history(store), asOfHead);
    if (E.isLeft(replay)) throw new Error('refused');
    const dataOf = (seesPrivateComments: boolean) =>
      ticketReplayJson(replay.right, { seesPrivateComments }).events[1]!.data;
    expect(dataOf(true)).toEqual({ ...note, public: false });
    expect(dataOf(false)).toEqual({
      ticket_id: ticket,
      comment_id: comment,
      author_id: agent,
      public: false,
    });
  });
});
