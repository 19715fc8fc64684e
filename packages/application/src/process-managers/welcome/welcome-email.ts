import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { v5 as uuidV5 } from 'uuid';
import {
  emailTemplateDecider,
  mailValues,
  primaryEmailOf,
  renderForOutbox,
  settingsAsOf,
  welcomeEmailFor,
  type AccountSettingsValues,
  type PositionedAccountEvent,
} from '@helpdesk/domain';
import {
  streams,
  type AccountEvent,
  type DomainEvent,
  type EmailTemplateEvent,
  type UserEvent,
  type Uuid,
} from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import { fromStoreError, type AppError } from '../../command/app-error';
import { decodeStored } from '../../command/load-stream';
import type { QueuedEmail } from '../../ports/outbox';
import { loadUser } from '../../use-cases/lookups';
import type { ProcessEvent } from '../process-event';

export type UserCreatedEvent = ProcessEvent & {
  readonly event: Extract<UserEvent, { type: 'UserCreated' }>;
};

/** The welcome email a user's creation causes has one id, however often the creation is handled. */
export const welcomeEmailId = (userCreatedEventId: Uuid): Uuid =>
  uuidV5('welcome', userCreatedEventId);

export type WelcomeOutcome =
  | { readonly kind: 'queue'; readonly email: QueuedEmail }
  /** `misconfigured`: the account asks for the mail but it cannot be written (worth a log line) */
  | { readonly kind: 'none'; readonly reason: string; readonly misconfigured: boolean };

const none = (reason: string, misconfigured = false): WelcomeOutcome => ({
  kind: 'none',
  reason,
  misconfigured,
});

interface Positioned<Event> {
  readonly position: bigint;
  readonly event: Event;
}

/** A stream's events with their global positions, decoded. */
export const positionedEvents = <Event extends DomainEvent>(
  eventStore: EventStore,
  streamName: string,
): TE.TaskEither<AppError, ReadonlyArray<Positioned<Event>>> =>
  pipe(
    eventStore.readStream(streamName),
    TE.mapLeft(fromStoreError),
    TE.chainEitherK((recorded) =>
      pipe(
        recorded.map((r) =>
          pipe(
            decodeStored<Event>(streamName)(r),
            E.map((event) => ({ position: r.globalPosition, event })),
          ),
        ),
        E.sequenceArray,
      ),
    ),
  );

/** The template as it was when the user was created (R6.3: what the account had chosen then). */
const templateAsOf = (history: ReadonlyArray<Positioned<EmailTemplateEvent>>, position: bigint) =>
  history
    .filter((entry) => entry.position < position)
    .reduce(
      (state, entry) => emailTemplateDecider.evolve(state, entry.event),
      emailTemplateDecider.initialState(),
    );

export interface WelcomeEmailDeps {
  readonly eventStore: EventStore;
  /** the account's stream with positions; a process reads it once per batch and account */
  readonly accountHistory: (
    accountId: Uuid,
  ) => TE.TaskEither<AppError, ReadonlyArray<PositionedAccountEvent>>;
}

const render = (
  created: UserCreatedEvent,
  settings: AccountSettingsValues,
  template: { readonly id: Uuid; readonly subject: string; readonly body: string },
  to: string,
  name: string,
): WelcomeOutcome => {
  const values = mailValues({
    user: { name, email: to },
    ...(settings.portalUrl === null ? {} : { portal: { url: settings.portalUrl, username: to } }),
  });
  // the password link stays a placeholder: the sender mints it when it sends (R6.8)
  const rendered = renderForOutbox(template, values);
  if (E.isLeft(rendered))
    return none(
      `R6.2: the welcome email template cannot be rendered: ${rendered.left.message}`,
      true,
    );
  return {
    kind: 'queue',
    email: {
      id: welcomeEmailId(created.eventId),
      accountId: created.event.data.account_id,
      to,
      templateId: template.id,
      subject: rendered.right.subject,
      body: rendered.right.body,
      ticketId: null,
      userId: created.event.data.user_id,
      causationId: created.eventId,
    },
  };
};

/**
 * R6.2, R6.3: the welcome email a user's creation calls for, if any. The settings and the template
 * are those in force just before the creation, however late this runs; the address and name are the
 * user's as they are now, and a user no longer active gets nothing (they can no longer sign in).
 */
export const welcomeEmailOf = (
  deps: WelcomeEmailDeps,
  created: UserCreatedEvent,
): TE.TaskEither<AppError, WelcomeOutcome> => {
  const { account_id: accountId, user_id: userId, role, source } = created.event.data;
  return pipe(
    deps.accountHistory(accountId),
    TE.chain((history) => {
      const settings = settingsAsOf(history, created.position);
      if (settings === null) return TE.right(none('the account did not exist yet'));
      const wanted = welcomeEmailFor({ role, source }, settings);
      if (!wanted.send) return TE.right(none(wanted.reason));
      return pipe(
        positionedEvents<EmailTemplateEvent>(deps.eventStore, streams.template(wanted.templateId)),
        TE.map((templateHistory) => templateAsOf(templateHistory, created.position)),
        TE.chain((template) => {
          if (template === null || template.removed || template.accountId !== accountId)
            return TE.right(
              none(`R6.2: the welcome email template ${wanted.templateId} does not exist`, true),
            );
          return pipe(
            loadUser(deps.eventStore, accountId, userId),
            TE.map((user) => {
              if (user.status !== 'active') return none(`the user is ${user.status}`);
              const to = primaryEmailOf(user);
              if (to === null) return none('the user has no email address');
              return render(created, settings, template, to, user.profile.name);
            }),
          );
        }),
      );
    }),
  );
};

/** The account's stream with positions, for `settingsAsOf`. */
export const accountHistoryOf =
  (eventStore: EventStore) =>
  (accountId: Uuid): TE.TaskEither<AppError, ReadonlyArray<PositionedAccountEvent>> =>
    positionedEvents<AccountEvent>(eventStore, streams.account(accountId));
