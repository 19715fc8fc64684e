import type { EventMetadata } from '@helpdesk/events';
import type { FollowedEvent } from './followed-event';
import { RequesterTally } from './requester-tally';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const metadata: EventMetadata = {
  account_id: id(1),
  actor: { type: 'user', id: id(2) },
  correlation_id: 'req-1',
  causation_id: null,
  occurred_at: '2026-11-21T10:00:00.000Z',
  via: { channel: 'api', rel: null },
  schema_version: 1,
};
const ann = id(10);
const bob = id(11);
const ticket = id(20);

const opened = (position: bigint, ticketId = ticket): FollowedEvent => ({
  position,
  streamName: `ticket-${ticketId}`,
  metadata,
  event: {
    type: 'TicketCreated',
    data: {
      ticket_id: ticketId,
      account_id: id(1),
      subject: 'Help',
      requester_id: ann,
      submitter_id: ann,
      organization_id: null,
      status: 'new',
      channel: 'api',
      collaborator_ids: [],
    },
  },
});

const movedToBob = (position: bigint): FollowedEvent => ({
  position,
  streamName: `ticket-${ticket}`,
  metadata: { ...metadata, via: { channel: 'api', rel: 'merge' } },
  event: {
    type: 'RequesterChanged',
    data: { ticket_id: ticket, previous_requester_id: ann, requester_id: bob, reason: 'merge' },
  },
});

describe('the example service’s tally of tickets per requester', () => {
  it('counts each ticket under its current requester and reports each change', () => {
    const tally = new RequesterTally();
    expect(tally.apply(opened(1n))).toMatchObject({ from: null, to: ann, why: 'opened' });
    tally.apply(opened(2n, id(21)));
    expect(tally.apply(movedToBob(5n))).toMatchObject({ from: ann, to: bob, why: 'merge' });
    expect(tally.ticketsPerRequester()).toEqual(
      new Map([
        [bob, 1],
        [ann, 1],
      ]),
    );
  });

  it('handles an event delivered again once only: a resumed source may repeat what it sent', () => {
    const tally = new RequesterTally();
    tally.apply(opened(1n));
    tally.apply(movedToBob(2n));
    expect(tally.apply(opened(1n))).toBeUndefined();
    expect(tally.apply(movedToBob(2n))).toBeUndefined();
    expect(tally.ticketsPerRequester()).toEqual(new Map([[bob, 1]]));
  });

  it('goes on from a snapshot where it stopped, and moves past positions it was told to skip', () => {
    const first = new RequesterTally();
    first.apply(opened(1n));
    first.skipTo(7n);
    const restarted = new RequesterTally(first.snapshot());
    expect(restarted.position).toBe(7n);
    expect(restarted.apply(movedToBob(5n))).toBeUndefined();
    expect(restarted.apply(movedToBob(8n))).toMatchObject({ to: bob });
    restarted.skipTo(3n);
    expect(restarted.position).toBe(8n);
  });
});
