import type { TicketEvent } from '@helpdesk/events';
import { fold } from '../shared/decider';
import { ticketDecider } from '../ticket/decider';
import { ids, requesterChanged, statusChanged, ticketCreated } from '../ticket/fixtures';
import { actionsToRun, type RunnableTrigger } from './engine';
import { automaticMailRel, mergeRel, runsTriggers, ticketChangeOf } from './ticket-change';

const before = fold(ticketDecider, [ticketCreated()]);

const anyUpdate: RunnableTrigger = {
  id: ids.agent,
  active: true,
  event: 'ticket_updated',
  conditions: { all: [{ field: 'status', operator: 'is_not', value: 'closed' }], any: [] },
  actions: [{ type: 'add_tag', tag: 'touched' }],
  stopProcessing: false,
};

describe('R6.5 a ticket change as triggers see it', () => {
  it('a creation is a ticket_created change, with the new ticket', () =>
    expect(ticketChangeOf({ exists: false }, [ticketCreated()], { rel: null })).toMatchObject({
      event: 'ticket_created',
      ticket: { id: ids.ticket, requesterId: ids.alice, status: 'new', tags: [] },
      rel: null,
    }));

  it('any later change is a ticket_updated one, with the ticket as it is after it', () =>
    expect(ticketChangeOf(before, [statusChanged('new', 'open')], { rel: null })).toMatchObject({
      event: 'ticket_updated',
      ticket: { status: 'open' },
    }));

  it('no events, or events that leave no ticket, make no change', () => {
    expect(ticketChangeOf(before, [], { rel: null })).toBeNull();
    expect(
      ticketChangeOf({ exists: false }, [statusChanged('new', 'open')], { rel: null }),
    ).toBeNull();
  });
});

describe('R3.6 the requester changes of a merge do not run triggers', () => {
  const mergeMove: TicketEvent[] = [requesterChanged(ids.alice, ids.bob, 'merge')];

  it('a change whose metadata says merge runs none', () => {
    const change = ticketChangeOf(before, mergeMove, { rel: mergeRel })!;
    expect(runsTriggers(change)).toBe(false);
    expect(actionsToRun([anyUpdate], change)).toEqual([]);
  });

  it('a requester change with reason merge runs none even if its metadata forgot why', () => {
    const change = ticketChangeOf(before, mergeMove, { rel: null })!;
    expect(change.rel).toBe(mergeRel);
    expect(actionsToRun([anyUpdate], change)).toEqual([]);
  });

  it('a manual requester change runs them', () => {
    const change = ticketChangeOf(before, [requesterChanged(ids.alice, ids.bob, 'manual')], {
      rel: null,
    })!;
    expect(actionsToRun([anyUpdate], change)).toHaveLength(1);
  });
});

describe('R6.5 mail loops: what an automatic mail records runs no trigger', () => {
  it('a change marked automatic_mail runs none; the same change from a person runs them', () => {
    const events = [statusChanged('new', 'open')];
    expect(runsTriggers(ticketChangeOf(before, events, { rel: automaticMailRel })!)).toBe(false);
    expect(runsTriggers(ticketChangeOf(before, events, { rel: null })!)).toBe(true);
    expect(
      actionsToRun([anyUpdate], ticketChangeOf(before, events, { rel: automaticMailRel })!),
    ).toEqual([]);
  });
});
