import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import { instrumentedStore } from '../../testing';
import { failure, run } from '../use-case.fixtures';
import { inboundDesk, inboundDeskOn, mail, ticketOf } from './inbound-email.fixtures';

describe('one ticket per Message-ID, however often it is delivered', () => {
  it('a second delivery records nothing and answers with the first ticket', async () => {
    const desk = await inboundDesk();
    const first = await run(desk.receive(mail()));
    const after = await desk.eventCount();
    const again = await run(desk.receive(mail({ messageId: ' m1@initech.example ' })));
    expect(again.kind).toBe('already_received');
    expect(ticketOf(again).id).toBe(ticketOf(first).id);
    expect(again.ticket.nextExpectedRevision).toBe(first.ticket.nextExpectedRevision);
    expect(await desk.eventCount()).toBe(after);
  });

  it('ten concurrent deliveries from an unknown sender make one user and one ticket', async () => {
    const desk = await inboundDesk();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => run(desk.receive(mail()))));
    expect(outcomes.filter((o) => o.kind === 'ticket_created')).toHaveLength(1);
    expect(new Set(outcomes.map((o) => ticketOf(o).id)).size).toBe(1);
    const created = desk.appends.filter(
      (a) => a.streamName.startsWith('ticket-') && a.expectedRevision === 'no_stream',
    );
    const users = desk.appends.filter((a) => a.streamName.startsWith('user-') && a.eventCount > 0);
    expect(new Set(created.map((a) => a.streamName)).size).toBe(1);
    // the owner, plus Carl once (losing appends are refused by the store, never recorded)
    const stored = await Promise.all(
      [...new Set(users.map((a) => a.streamName))].map((s) => desk.deps.eventStore.readStream(s)()),
    );
    expect(stored.filter((s) => E.isRight(s) && s.right.length > 0)).toHaveLength(2);
  });

  it('a mail without Message-ID delivered twice is known by its content', async () => {
    const desk = await inboundDesk();
    const first = await run(desk.receive(mail({ messageId: null })));
    const again = await run(desk.receive(mail({ messageId: null })));
    const other = await run(desk.receive(mail({ messageId: null, text: 'Another one' })));
    expect(again.kind).toBe('already_received');
    expect(ticketOf(again).id).toBe(ticketOf(first).id);
    expect(other.kind).toBe('ticket_created');
  });
});

describe('a delivery cut off half-way is completed by the next one', () => {
  const flakyDesk = async () => {
    const memory = createMemoryEventStore();
    let failTickets = false;
    const failing: EventStore = {
      ...memory,
      appendToStream: (name, events, options) =>
        failTickets && name.startsWith('ticket-')
          ? TE.left({ kind: 'StoreUnavailable', message: 'down' })
          : memory.appendToStream(name, events, options),
    };
    const { store, appends } = instrumentedStore(failing);
    const { receive } = await inboundDeskOn(store);
    return { appends, receive, setDown: (down: boolean) => (failTickets = down) };
  };

  it('the message id claimed before the store failed gets its ticket on redelivery, once', async () => {
    const desk = await flakyDesk();
    desk.setDown(true);
    expect(await failure(desk.receive())).toMatchObject({ kind: 'StoreUnavailable' });
    desk.setDown(false);
    const outcome = await run(desk.receive());
    expect(outcome.kind).toBe('ticket_created');
    const again = await run(desk.receive());
    expect(again.kind).toBe('already_received');
    expect(ticketOf(again).id).toBe(ticketOf(outcome).id);
    const ticketStreams = new Set(
      desk.appends.filter((a) => a.streamName.startsWith('ticket-')).map((a) => a.streamName),
    );
    expect(ticketStreams.size).toBe(1);
  }, 15_000);
});

describe('a delivery slower than the wait is overtaken, and the claim still names the ticket', () => {
  it('the waiting delivery creates the ticket; the slow one finds it there and releases nothing', async () => {
    let held = false;
    const { store } = instrumentedStore(createMemoryEventStore(), {
      // the first ticket append stalls for longer than a second delivery waits (about 3 s)
      beforeAppend: async (call) => {
        if (held || !call.streamName.startsWith('ticket-')) return;
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      },
    });
    const { receive } = await inboundDeskOn(store);
    const slow = receive()();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const overtaking = await run(receive());
    const late = await slow;
    expect(overtaking.kind).toBe('ticket_created');
    expect(E.isRight(late) && late.right.kind).toBe('already_received');
    expect(E.isRight(late) && ticketOf(late.right).id).toBe(ticketOf(overtaking).id);
    const third = await run(receive());
    expect([third.kind, ticketOf(third).id]).toEqual(['already_received', ticketOf(overtaking).id]);
  }, 20_000);
});
