import * as E from 'fp-ts/Either';
import {
  emailTemplateDecider,
  inRunningOrder,
  triggerDecider,
  type EmailTemplate,
  type Trigger,
} from '@helpdesk/domain';
import {
  emailTemplateEvents,
  triggerEvents,
  type DomainEvent,
  type EmailTemplateEvent,
  type TriggerEvent,
  type Uuid,
} from '@helpdesk/events';
import type { EventStore, RecordedEvent } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../../command/app-error';
import { decodeStored } from '../../command/load-stream';

interface Positioned<Event> {
  readonly position: bigint;
  readonly event: Event;
}

/** One configuration object's stream as it was recorded: its account and its events in order. */
interface Recorded<Event> {
  readonly accountId: Uuid;
  readonly events: Positioned<Event>[];
}

/**
 * The account's triggers and email templates as they stood at any point of the log. R6.5 runs the
 * triggers that existed when the ticket changed, however late the process handles the change: a
 * trigger created, changed, switched off or removed afterwards must not count. Triggers and
 * templates are few, so their whole history is kept in memory, read from the log once and then
 * only what is new.
 */
export interface ConfigurationHistory {
  /** reads every trigger and template event recorded up to now, the first time only */
  readonly catchUp: () => Promise<E.Either<AppError, void>>;
  /**
   * then takes each event the process is handed, in log order: configuration events are kept, and
   * every event moves what is known up to its position (the process reads the configuration
   * streams too, so none can be missing below it)
   */
  readonly observe: (event: DomainEvent, position: bigint) => void;
  /** the account's triggers as they were just before `position`, in running order (R6.5) */
  readonly triggersAsOf: (accountId: Uuid, position: bigint) => ReadonlyArray<Trigger>;
  /** the account's template as it was just before `position`; null if it was not live then */
  readonly templateAsOf: (
    accountId: Uuid,
    templateId: Uuid,
    position: bigint,
  ) => EmailTemplate | null;
}

const pageSize = 1000;

const triggerTypes: ReadonlySet<string> = new Set(triggerEvents.map((d) => d.type));
const templateTypes: ReadonlySet<string> = new Set(emailTemplateEvents.map((d) => d.type));
const isTriggerEvent = (e: DomainEvent): e is TriggerEvent => triggerTypes.has(e.type);
const isTemplateEvent = (e: DomainEvent): e is EmailTemplateEvent => templateTypes.has(e.type);

/** Adds an event to its object's history; the object's first event must be its creation. */
const record = <Event>(
  history: Map<Uuid, Recorded<Event>>,
  id: Uuid,
  entry: Positioned<Event>,
  createdIn: Uuid | null,
): boolean => {
  const known = history.get(id);
  if (known !== undefined) known.events.push(entry);
  else if (createdIn !== null) history.set(id, { accountId: createdIn, events: [entry] });
  return known === undefined && createdIn !== null;
};

export const configurationHistory = (store: EventStore): ConfigurationHistory => {
  const triggers = new Map<Uuid, Recorded<TriggerEvent>>();
  /** each account's triggers in the order they were created: the tie-break of equal positions */
  const triggerIdsOf = new Map<Uuid, Uuid[]>();
  const templates = new Map<Uuid, Recorded<EmailTemplateEvent>>();
  let readUpTo: bigint | undefined;

  const keepDecoded = (event: DomainEvent, position: bigint): void => {
    if (isTriggerEvent(event)) {
      const accountId = event.type === 'TriggerCreated' ? event.data.account_id : null;
      const created = record(triggers, event.data.trigger_id, { position, event }, accountId);
      if (created && accountId !== null)
        triggerIdsOf.set(accountId, [
          ...(triggerIdsOf.get(accountId) ?? []),
          event.data.trigger_id,
        ]);
    } else if (isTemplateEvent(event)) {
      const accountId = event.type === 'EmailTemplateCreated' ? event.data.account_id : null;
      record(templates, event.data.template_id, { position, event }, accountId);
    }
  };

  const keep = (recorded: RecordedEvent): E.Either<AppError, void> => {
    // the stream's category is checked on decoding: a trigger stream holds trigger events only
    const decoded = decodeStored<DomainEvent>(recorded.streamName)(recorded);
    if (E.isLeft(decoded)) return decoded;
    keepDecoded(decoded.right, recorded.globalPosition);
    return E.right(undefined);
  };

  const observe = (event: DomainEvent, position: bigint): void => {
    // before the first catch-up nothing is known; what a catch-up read is never kept twice
    if (readUpTo === undefined || position <= readUpTo) return;
    keepDecoded(event, position);
    readUpTo = position;
  };

  const catchUp = async (): Promise<E.Either<AppError, void>> => {
    // once read, the history follows the events the process is handed (`observe`)
    if (readUpTo !== undefined) return E.right(undefined);
    // positions follow commit order: once the head is read, nothing below it can still appear
    const head = await store.headPosition()();
    if (E.isLeft(head)) return E.left(fromStoreError(head.left));
    for (;;) {
      const page = await store.readAll({
        ...(readUpTo === undefined ? {} : { after: readUpTo }),
        maxCount: pageSize,
        filter: { streamPrefixes: ['trigger-', 'template-'] },
      })();
      if (E.isLeft(page)) return E.left(fromStoreError(page.left));
      for (const recorded of page.right) {
        const kept = keep(recorded);
        if (E.isLeft(kept)) return kept;
        readUpTo = recorded.globalPosition;
      }
      if (page.right.length < pageSize) break;
    }
    if (head.right !== undefined && (readUpTo === undefined || head.right > readUpTo))
      readUpTo = head.right;
    return E.right(undefined);
  };

  const before = <Event>(events: ReadonlyArray<Positioned<Event>>, position: bigint) =>
    events.filter((entry) => entry.position < position).map((entry) => entry.event);

  const triggersAsOf = (accountId: Uuid, position: bigint): ReadonlyArray<Trigger> =>
    inRunningOrder(
      (triggerIdsOf.get(accountId) ?? []).flatMap((id) => {
        const state = before(triggers.get(id)?.events ?? [], position).reduce(
          triggerDecider.evolve,
          triggerDecider.initialState(),
        );
        return state === null ? [] : [state];
      }),
    );

  const templateAsOf = (accountId: Uuid, templateId: Uuid, position: bigint) => {
    const recorded = templates.get(templateId);
    if (recorded === undefined || recorded.accountId !== accountId) return null;
    const state = before(recorded.events, position).reduce(
      emailTemplateDecider.evolve,
      emailTemplateDecider.initialState(),
    );
    return state === null || state.removed ? null : state;
  };

  return { catchUp, observe, triggersAsOf, templateAsOf };
};
