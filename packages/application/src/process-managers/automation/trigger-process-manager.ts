import * as E from 'fp-ts/Either';
import {
  actionsToRun,
  runsTriggers,
  ticketChangeOf,
  triggerRel,
  type PlannedAction,
  type TicketChange,
} from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { AppError } from '../../command/app-error';
import { handleCommand, type CommandDeps } from '../../command/handle-command';
import type { Outbox, QueuedEmail } from '../../ports/outbox';
import { isTicketChange, ticketCommandOf } from '../../use-cases/automation/action-commands';
import { requesterMail } from '../../use-cases/automation/mail-values';
import type { ProcessLogger } from '../ports';
import { causeOf, systemContext, type ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';
import { configurationHistory, type ConfigurationHistory } from './configuration-history';
import { eachOnItsOwn, type Refusal } from './ticket-actions';
import { appendOpenedBy, readTicketStream, type StoredTicketEvent } from './ticket-appends';
import { queuedTriggerMail } from './trigger-mail';

export interface TriggerProcessDeps extends CommandDeps {
  /** where `email_requester` mails go; the sender in the worker sends them */
  readonly outbox: Outbox;
  readonly logger: ProcessLogger;
}

const done = E.right(undefined);

/** Whether the ticket already holds what the triggers did for this change (a replay after a crash). */
const actedOn = (stream: ReadonlyArray<StoredTicketEvent>, eventId: Uuid): boolean =>
  stream.some(
    (stored) => stored.metadata.causation_id === eventId && stored.metadata.via.rel === triggerRel,
  );

/**
 * R6.5 as a process manager: every change of a ticket (one append to its stream, taken up at its
 * first event) runs the account's triggers as they stood when the change was recorded (see
 * `ConfigurationHistory`). The actions on the ticket are appended by the system in one append, with
 * `via.rel = trigger`, caused by the change's first event and in its correlation, so that they set
 * no trigger off again; a replayed change finds them recorded and appends nothing. Each
 * `email_requester` goes to the outbox under an id derived from the change, the trigger and the
 * template, so a replay queues nothing twice. R3.6: a merge's changes run no trigger.
 */
export const triggerProcessManager = (deps: TriggerProcessDeps): ProcessManager => {
  const history: ConfigurationHistory = configurationHistory(deps.eventStore);

  const changeTicket = async (
    e: ProcessEvent,
    change: TicketChange,
    planned: ReadonlyArray<PlannedAction>,
    stream: ReadonlyArray<StoredTicketEvent>,
  ): Promise<E.Either<AppError, void>> => {
    const commands = planned.flatMap(({ action }) =>
      isTicketChange(action) ? [ticketCommandOf(change.ticket.id, { type: 'system' }, action)] : [],
    );
    if (commands.length === 0 || actedOn(stream, e.eventId)) return done;
    let refusals: ReadonlyArray<Refusal> = [];
    const result = await handleCommand(
      deps,
      eachOnItsOwn((r) => {
        refusals = r;
      }),
      e.streamName,
      commands,
      systemContext(causeOf(e), triggerRel),
    )();
    if (E.isLeft(result)) return result;
    for (const refusal of refusals)
      deps.logger.error('a trigger action was refused by the ticket', {
        eventId: e.eventId,
        ticketId: change.ticket.id,
        command: refusal.command.type,
        error: refusal.error,
      });
    return done;
  };

  const mailRequester = async (
    e: ProcessEvent,
    change: TicketChange,
    planned: ReadonlyArray<PlannedAction>,
  ): Promise<E.Either<AppError, void>> => {
    const mails = planned.flatMap(({ triggerId, action }) =>
      action.type === 'email_requester' ? [{ triggerId, templateId: action.templateId }] : [],
    );
    if (mails.length === 0) return done;
    const accountId = e.metadata.account_id;
    const skip = (reason: string, details: Record<string, unknown> = {}) => {
      deps.logger.error('a trigger mail was not queued', {
        eventId: e.eventId,
        ticketId: change.ticket.id,
        reason,
        ...details,
      });
      return done;
    };
    const requester = await requesterMail(deps.eventStore, accountId, change.ticket)();
    if (E.isLeft(requester))
      return requester.left.kind === 'DomainRefusal'
        ? skip('the requester is not found', { requesterId: change.ticket.requesterId })
        : requester;
    const { to, active, values } = requester.right;
    if (to === null) return skip('the requester has no email address');
    if (!active) return skip('the requester is no longer active');
    const queued: QueuedEmail[] = [];
    for (const { triggerId, templateId } of mails) {
      const template = history.templateAsOf(accountId, templateId, e.position);
      if (template === null) {
        skip('the template was not live when the ticket changed', { triggerId, templateId });
        continue;
      }
      const mail = queuedTriggerMail({
        eventId: e.eventId,
        accountId,
        triggerId,
        template,
        ticketId: change.ticket.id,
        requesterId: change.ticket.requesterId,
        to,
        values,
      });
      if (E.isLeft(mail)) skip(mail.left, { triggerId, templateId });
      else queued.push(mail.right);
    }
    if (queued.length === 0) return done;
    return deps.outbox.enqueue(queued)();
  };

  const handleOne = async (
    e: ProcessEvent,
    read: Map<string, ReadonlyArray<StoredTicketEvent>>,
  ): Promise<E.Either<AppError, void>> => {
    // the appends of a merge, and the triggers' own, are passed without reading anything
    if (!runsTriggers({ rel: e.metadata.via.rel })) return done;
    const triggers = history.triggersAsOf(e.metadata.account_id, e.position);
    if (!triggers.some((trigger) => trigger.active)) return done;
    let stream = read.get(e.streamName);
    if (stream === undefined) {
      const loaded = await readTicketStream(deps.eventStore, e.streamName)();
      if (E.isLeft(loaded)) return loaded;
      stream = loaded.right;
      read.set(e.streamName, stream);
    }
    const append = appendOpenedBy(stream, e.eventId);
    if (append === null) return done;
    const change = ticketChangeOf(append.before, append.events, e.metadata.via);
    if (change === null) return done;
    const planned = actionsToRun(triggers, change);
    if (planned.length === 0) return done;
    deps.logger.info('triggers fire on a ticket change', {
      eventId: e.eventId,
      ticketId: change.ticket.id,
      event: change.event,
      triggers: [...new Set(planned.map((p) => p.triggerId))],
    });
    const changed = await changeTicket(e, change, planned, stream);
    if (E.isLeft(changed)) return changed;
    return mailRequester(e, change, planned);
  };

  return {
    name: 'ticket_triggers',
    // the configuration streams too: the history of triggers and templates follows them in order
    filter: { streamPrefixes: ['ticket-', 'trigger-', 'template-'] },
    handle: (events) => async () => {
      const caughtUp = await history.catchUp();
      if (E.isLeft(caughtUp)) return caughtUp;
      // a ticket's stream is read once per batch: what precedes an event never changes
      const read = new Map<string, ReadonlyArray<StoredTicketEvent>>();
      for (const e of events) {
        history.observe(e.event, e.position);
        if (!e.streamName.startsWith('ticket-')) continue;
        const handled = await handleOne(e, read);
        if (E.isLeft(handled)) return handled;
      }
      return done;
    },
  };
};
