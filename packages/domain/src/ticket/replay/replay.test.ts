import * as E from 'fp-ts/Either';
import type { EventMetadata, TicketEvent } from '@helpdesk/events';
import { fold } from '../../shared/decider';
import { ticketDecider } from '../decider';
import {
  ids,
  organizationChanged,
  requesterChanged,
  statusChanged,
  ticketCreated,
} from '../fixtures';
import { asOfHead, type AsOf } from './as-of';
import type { TicketHistoryEntry } from './history';
import { replayTicket, type ReplayedTicket, type TicketReplay } from './replay';

const minute = (n: number) => new Date(Date.UTC(2024, 2, 1, 9, n, 0)).toISOString();

/** A stream's history: one event a minute from 09:00, at global positions 100, 110, 120, ... */
const historyOf = (
  events: ReadonlyArray<TicketEvent>,
  envelope: (i: number) => Partial<EventMetadata> = () => ({}),
): ReadonlyArray<TicketHistoryEntry> =>
  events.map((event, i) => ({
    event,
    metadata: {
      account_id: ids.account,
      actor: { type: 'user', id: ids.agent },
      correlation_id: `request-${i}`,
      causation_id: null,
      occurred_at: minute(i),
      via: { channel: 'web', rel: null },
      schema_version: 1,
      ...envelope(i),
    },
    eventId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    revision: BigInt(i),
    globalPosition: BigInt(100 + 10 * i),
    recordedAt: new Date(Date.parse(minute(i)) + 5),
  }));

/** Alice's ticket: Bob by hand at 09:01 (R1.6 organization), Carol by Bob's merge at 09:03, solved at 09:04. */
const events: ReadonlyArray<TicketEvent> = [
  ticketCreated(),
  requesterChanged(ids.alice, ids.bob, 'manual'),
  organizationChanged(ids.orgA, ids.orgC, 'requester_changed'),
  requesterChanged(ids.bob, ids.carol, 'merge'),
  statusChanged('new', 'solved'),
];
const history = historyOf(events, (i) =>
  i === 3
    ? {
        actor: { type: 'system', id: null },
        via: { channel: 'web', rel: 'merge' },
        correlation_id: 'merge-1',
        causation_id: 'user-merged-1',
      }
    : {},
);

const replayed = (asOf: AsOf): TicketReplay => {
  const replay = replayTicket(history, asOf);
  if (E.isLeft(replay)) throw new Error(`refused: ${JSON.stringify(replay.left, String)}`);
  return replay.right;
};

const existing = (ticket: ReplayedTicket) => {
  if (!ticket.exists) throw new Error('the ticket does not exist at that point');
  return ticket;
};

describe('replaying a ticket from its events', () => {
  describe('R1.3 as of a revision, the requester then and the original requester', () => {
    it.each([
      [0n, ids.alice, ids.orgA],
      [1n, ids.bob, ids.orgA],
      [2n, ids.bob, ids.orgC],
      [3n, ids.carol, ids.orgC],
      [4n, ids.carol, ids.orgC],
    ])('as of revision %s', (revision, requester, organization) => {
      const ticket = existing(replayed({ kind: 'revision', revision }).ticket);
      expect([
        ticket.state.requesterId,
        ticket.state.originalRequesterId,
        ticket.state.organizationId,
      ]).toEqual([requester, ids.alice, organization]);
    });
  });

  it('as of every revision equals the decider’s fold of the events up to it, with the version and times of the envelope', () => {
    for (let r = 0; r < events.length; r++) {
      const replay = replayed({ kind: 'revision', revision: BigInt(r) });
      expect(existing(replay.ticket)).toEqual({
        exists: true,
        state: fold(ticketDecider, events.slice(0, r + 1)),
        version: BigInt(r),
        createdAt: minute(0),
        createdPosition: 100n,
        updatedAt: minute(r),
      });
      expect(replay.events).toEqual(history.slice(0, r + 1));
      expect(replay.asOf).toEqual({ revision: BigInt(r), time: minute(r) });
    }
  });

  it('keeps each event’s actor, reason (via.rel), correlation and causation ids, revision and position', () => {
    const merge = replayed(asOfHead).events[3]!;
    expect(merge).toMatchObject({
      event: { type: 'RequesterChanged', data: { reason: 'merge', requester_id: ids.carol } },
      metadata: {
        actor: { type: 'system', id: null },
        via: { channel: 'web', rel: 'merge' },
        correlation_id: 'merge-1',
        causation_id: 'user-merged-1',
        occurred_at: minute(3),
      },
      revision: 3n,
      globalPosition: 130n,
    });
  });

  describe('as of a time (when the events happened)', () => {
    const at = (time: string): AsOf => ({ kind: 'time', time });

    it('includes the events that happened by then, the last one at that very time', () => {
      const between = replayed(at('2024-03-01T09:02:30.000Z'));
      expect(existing(between.ticket).state.requesterId).toBe(ids.bob);
      expect(between.asOf).toEqual({ revision: 2n, time: minute(2) });
      expect(replayed(at(minute(3))).asOf?.revision).toBe(3n);
    });

    it('compares times as times, whatever the digits of their fractions', () => {
      expect(replayed(at('2024-03-01T09:02:00Z')).asOf?.revision).toBe(2n);
      expect(replayed(at('2024-03-01T09:01:59.9999Z')).asOf?.revision).toBe(1n);
      expect(replayed(at('2024-03-01T09:02:00.0000001Z')).asOf?.revision).toBe(2n);
    });

    it('before the ticket’s first event, finds no ticket and no events', () => {
      const before = replayed(at('2024-03-01T08:59:59.999Z'));
      expect([before.ticket, before.events, before.asOf]).toEqual([{ exists: false }, [], null]);
    });

    it('after the last event, is the head', () => {
      expect(replayed(at('2030-01-01T00:00:00.000Z'))).toEqual(replayed(asOfHead));
    });
  });

  it('refuses a revision past the head, naming the head, rather than answer with a later state', () => {
    expect(replayTicket(history, { kind: 'revision', revision: 5n })).toEqual(
      E.left({ kind: 'RevisionPastHead', requested: 5n, head: 4n }),
    );
    expect(replayTicket([], { kind: 'revision', revision: 0n })).toEqual(
      E.left({ kind: 'RevisionPastHead', requested: 0n, head: null }),
    );
  });

  it('an empty stream replays to no ticket', () => {
    expect(replayTicket([], asOfHead)).toEqual(
      E.right({ ticket: { exists: false }, events: [], asOf: null }),
    );
  });
});
