import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { PositionedAccountEvent } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import type { Outbox, QueuedEmail } from '../../ports/outbox';
import type { ProcessLogger } from '../ports';
import type { ProcessEvent } from '../process-event';
import type { ProcessManager } from '../process-manager';
import { accountHistoryOf, welcomeEmailOf, type UserCreatedEvent } from './welcome-email';

export interface WelcomeProcessDeps {
  readonly eventStore: EventStore;
  readonly outbox: Outbox;
  readonly logger: ProcessLogger;
}

const isUserCreated = (e: ProcessEvent): e is UserCreatedEvent => e.event.type === 'UserCreated';

/** Reads each account's stream once per batch: a batch of imports is one account many times. */
const memoized = (
  load: (accountId: Uuid) => TE.TaskEither<AppError, ReadonlyArray<PositionedAccountEvent>>,
) => {
  const seen = new Map<Uuid, ReadonlyArray<PositionedAccountEvent>>();
  return (accountId: Uuid): TE.TaskEither<AppError, ReadonlyArray<PositionedAccountEvent>> =>
    async () => {
      const known = seen.get(accountId);
      if (known !== undefined) return E.right(known);
      const loaded = await load(accountId)();
      if (E.isRight(loaded)) seen.set(accountId, loaded.right);
      return loaded;
    };
};

/**
 * R6.2: the welcome email, queued in the outbox when a user is created automatically or by hand
 * while the account asks for it (never for an import, R6.2; never for users who existed before the
 * setting was switched on, R6.3). Exactly once: the mail's id derives from the creation event's,
 * and the outbox keeps the first mail of an id, so a batch handled again queues nothing new.
 */
export const welcomeProcessManager = (deps: WelcomeProcessDeps): ProcessManager => ({
  name: 'welcome_emails',
  filter: { streamPrefixes: ['user-'] },
  handle: (events) => async () => {
    const accountHistory = memoized(accountHistoryOf(deps.eventStore));
    const emails: QueuedEmail[] = [];
    for (const e of events) {
      if (!isUserCreated(e)) continue;
      const outcome = await welcomeEmailOf({ eventStore: deps.eventStore, accountHistory }, e)();
      if (E.isLeft(outcome)) return outcome;
      if (outcome.right.kind === 'queue') emails.push(outcome.right.email);
      else if (outcome.right.misconfigured)
        deps.logger.error('no welcome email could be written', {
          eventId: e.eventId,
          accountId: e.event.data.account_id,
          userId: e.event.data.user_id,
          reason: outcome.right.reason,
        });
    }
    const queued = await deps.outbox.enqueue(emails)();
    if (E.isLeft(queued)) return queued;
    if (emails.length > 0)
      deps.logger.info('welcome emails queued', {
        emails: emails.map((m) => ({ id: m.id, accountId: m.accountId, userId: m.userId })),
      });
    return E.right(undefined);
  },
});
