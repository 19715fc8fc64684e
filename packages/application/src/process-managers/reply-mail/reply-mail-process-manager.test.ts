import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import type { Uuid } from '@helpdesk/events';
import { sequentialIds } from '../../testing';
import type { Caller } from '../../use-cases/caller';
import { replyToTicket } from '../../use-cases/ticket-replies';
import { recordingOutbox } from '../automation/recording-outbox';
import { startProcessManager } from '../process-manager';
import { eventually, memoryCheckpoints, openDeskOn, quietLogger, succeed } from '../testing';
import { replyMailId } from './reply-mail-process-manager';
import { replyMailProcessManager } from './reply-mail-process-manager';

const setUp = async () => {
  const store: EventStore = createMemoryEventStore();
  const desk = await openDeskOn(store, { ids: sequentialIds() });
  const mail = recordingOutbox();
  const logger = quietLogger();
  const running = startProcessManager(
    { store, checkpoints: memoryCheckpoints(), logger, retryDelayMs: 5 },
    replyMailProcessManager({ eventStore: store, outbox: mail.outbox, logger }),
  );
  const asUser = (userId: Uuid, role: 'end-user' | 'admin'): Caller => ({
    ...desk.owner(),
    actor: { type: 'user', id: userId, role },
  });
  const reply = (caller: Caller, ticketId: Uuid, body: string, isPublic = true) =>
    succeed(replyToTicket(desk.deps, caller, ticketId, { body, public: isPublic }));
  return { store, desk, mail, running, asUser, reply };
};

describe('a public reply is emailed to the requester (api.md, POST /tickets/{id}/replies)', () => {
  it('queues one mail to the requester for an agent’s public reply, none for a private note', async () => {
    const { desk, mail, running, reply } = await setUp();
    const carl = await desk.endUser('Carl', { emails: ['carl@example.com'] });
    const ticketId = await desk.ticket(carl);
    await reply(desk.owner(), ticketId, 'Only for the team', false);
    const answered = await reply(desk.owner(), ticketId, 'We are on it.');
    await eventually('the reply mail', async () => (mail.mails().length > 0 ? true : undefined));
    await running.stop();
    const commentEvent = answered.ticket.events[answered.ticket.events.length - 1]!;
    expect(mail.mails()).toEqual([
      expect.objectContaining({
        id: replyMailId(commentEvent.id),
        to: 'carl@example.com',
        body: 'We are on it.',
        ticketId,
        userId: carl,
        templateId: null,
      }),
    ]);
    expect(mail.mails()[0]!.subject).toMatch(/^Re: /);
  });

  it('emails nobody when the requester wrote it, or has no address', async () => {
    const { desk, mail, running, reply, asUser } = await setUp();
    const carl = await desk.endUser('Carl', { emails: ['carl@example.com'] });
    const mute = await desk.endUser('No Address');
    const own = await desk.ticket(carl);
    const silent = await desk.ticket(mute);
    await reply(asUser(carl, 'end-user'), own, 'Any news?');
    await reply(desk.owner(), silent, 'Hello?');
    // a later reply that is mailed: once it is queued, the two before were handled
    const other = await desk.ticket(carl);
    await reply(desk.owner(), other, 'Done.');
    await eventually('the last reply', async () => (mail.mails().length > 0 ? true : undefined));
    await running.stop();
    expect(mail.mails().map((m) => m.body)).toEqual(['Done.']);
  });
});
