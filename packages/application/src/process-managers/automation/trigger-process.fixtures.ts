/** A help desk on a memory store with the trigger process beside it, for the R6.5 specifications. */
import * as E from 'fp-ts/Either';
import { ticketDecider, type Conditions, type TicketAction } from '@helpdesk/domain';
import { streams, type Channel, type Uuid } from '@helpdesk/events';
import { createMemoryEventStore, type RecordedEvent } from '@helpdesk/event-store';
import { uuidGenerator } from '../../ports/id-generator';
import type { Caller } from '../../use-cases/caller';
import { createEmailTemplate } from '../../use-cases/automation/email-templates';
import { createTrigger } from '../../use-cases/automation/triggers';
import { createTicket } from '../../use-cases/tickets';
import { toProcessEvent } from '../process-event';
import { openDeskOn, quietLogger, succeed } from '../testing';
import { recordingOutbox } from './recording-outbox';
import { readTicketStream } from './ticket-appends';
import { triggerProcessManager } from './trigger-process-manager';

export const subjectIs = (value: string): Conditions => ({
  all: [{ field: 'subject', operator: 'is', value }],
  any: [],
});

export const openDesk = async () => {
  const store = createMemoryEventStore();
  const desk = await openDeskOn(store, { ids: uuidGenerator });
  await desk.changeSettings({ portalUrl: 'https://help.acme.com' });
  const mail = recordingOutbox();
  const logger = quietLogger();
  const manager = triggerProcessManager({ ...desk.deps, outbox: mail.outbox, logger });
  let handledUpTo: bigint | undefined;
  /** what the runner would hand the process: the ticket events since the last call */
  const newTicketEvents = async (): Promise<ReadonlyArray<RecordedEvent>> => {
    const page = await store.readAll({
      ...(handledUpTo === undefined ? {} : { after: handledUpTo }),
      filter: manager.filter,
    })();
    if (E.isLeft(page)) throw new Error('the log cannot be read');
    return page.right;
  };
  const handle = async (recorded: ReadonlyArray<RecordedEvent>) => {
    const events = recorded.map((r) => {
      const decoded = toProcessEvent(r);
      if (E.isLeft(decoded)) throw new Error('undecodable');
      return decoded.right;
    });
    await succeed(manager.handle(events));
  };
  /** runs the process over everything new, then once more over the triggers' own appends */
  const process = async () => {
    for (let round = 0; round < 2; round++) {
      const recorded = await newTicketEvents();
      if (recorded.length === 0) return;
      await handle(recorded);
      handledUpTo = recorded[recorded.length - 1]!.globalPosition;
    }
  };
  const caller = (channel: Channel = 'api'): Caller => ({ ...desk.owner(), channel });
  const template = async (body = 'Hello {{user.name}}, set a password: {{portal.password_link}}') =>
    (
      await succeed(
        createEmailTemplate(desk.deps, desk.owner(), {
          name: 'Credentials',
          subject: 'Access to ticket {{ticket.id}}',
          body,
        }),
      )
    ).state!.id;
  const trigger = async (
    conditions: Conditions,
    actions: ReadonlyArray<TicketAction>,
    options: {
      position?: number;
      event?: 'ticket_created' | 'ticket_updated';
      stop?: boolean;
      active?: boolean;
    } = {},
  ) =>
    (
      await succeed(
        createTrigger(desk.deps, desk.owner(), {
          title: 'Rule',
          event: options.event ?? 'ticket_created',
          conditions,
          actions,
          stopProcessing: options.stop ?? false,
          active: options.active ?? true,
          position: options.position ?? 1,
        }),
      )
    ).state!.id;
  const ticket = async (
    requesterId: Uuid,
    subject: string,
    options: { channel?: Channel; organizationId?: Uuid } = {},
  ) => {
    const created = await succeed(
      createTicket(desk.deps, caller(options.channel), {
        subject,
        requesterId,
        ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
      }),
    );
    return { id: created.state.exists ? created.state.id : '', event: created.events[0]! };
  };
  const ticketStream = async (ticketId: Uuid) => {
    const read = await store.readStream(streams.ticket(ticketId))();
    if (E.isLeft(read)) throw new Error('unreadable');
    return read.right;
  };
  const state = async (ticketId: Uuid) => {
    const stored = await succeed(readTicketStream(store, streams.ticket(ticketId)));
    return stored.reduce((s, e) => ticketDecider.evolve(s, e.event), ticketDecider.initialState());
  };
  return {
    store,
    desk,
    mail,
    logger,
    manager,
    process,
    handle,
    newTicketEvents,
    caller,
    template,
    trigger,
    ticket,
    ticketStream,
    state,
  };
};

export type Desk = Awaited<ReturnType<typeof openDesk>>;

/** an end user with an address of their own */
export const ann = (d: Desk, organizationIds: ReadonlyArray<Uuid> = []) =>
  d.desk.endUser('Ann', {
    emails: [`ann-${Math.random().toString(36).slice(2, 8)}@example.com`],
    organizationIds,
  });
