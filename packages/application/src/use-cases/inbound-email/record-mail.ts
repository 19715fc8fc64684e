import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  automaticMailRel,
  ticketDecider,
  type Account,
  type CreateTicket,
  type ExistingTicket,
  type KnownUser,
  type Ticket,
  type User,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import { handleCommand, type CommandDeps, type CommandResult } from '../../command/handle-command';
import { loadStream, type LoadedStream } from '../../command/load-stream';
import { claimUnique, type HeldClaim } from '../../claims/claim-unique';
import { contextOf, type Caller } from '../caller';
import { bodyOf, subjectOf, threadIdsOf, type InboundEmail } from './inbound-email';
import { createSender, findSender, type InboundError, type Sender } from './sender';
import { repliedTicket } from './thread';

/**
 * What one delivery of an inbound email records: a reply's comment, or a new ticket (and its
 * requester), or nothing for a message received before.
 */

/** Where an inbound email was delivered: the account (by key, token or support address), and the request. */
export interface InboundDelivery {
  readonly accountId: Uuid;
  /** the request or SMTP transaction: every event the mail causes carries it as correlation id */
  readonly correlationId: string;
}

/** What became of an inbound email. */
export type InboundOutcome =
  | {
      readonly kind: 'ticket_created';
      readonly messageId: string;
      readonly ticket: CommandResult<Ticket>;
      /** the ticket's first comment: the mail's text */
      readonly commentId: Uuid;
      /** the sender, when R6.1 created them */
      readonly createdUser: CommandResult<User> | null;
    }
  | {
      readonly kind: 'comment_added';
      readonly messageId: string;
      readonly ticket: CommandResult<Ticket>;
      readonly commentId: Uuid;
    }
  | {
      /** this Message-ID was received before: nothing new was recorded */
      readonly kind: 'already_received';
      readonly messageId: string;
      readonly ticket: CommandResult<Ticket>;
    };

/** One inbound email, as each step needs it. */
export interface Mail {
  readonly delivery: InboundDelivery;
  readonly email: InboundEmail;
  readonly account: Account;
  readonly messageId: string;
  readonly commentId: Uuid;
}

/** Users are created by the system (nobody is signed in when mail arrives), through the email channel. */
const systemCaller = ({ delivery }: Mail): Caller => ({
  accountId: delivery.accountId,
  actor: { type: 'system' },
  correlationId: delivery.correlationId,
  channel: 'email',
});

/** What the mail records on its ticket says whether a machine sent it: such a change runs no trigger. */
const ticketContextOf = (mail: Mail, sender: KnownUser) =>
  contextOf(senderCaller(mail, sender), mail.email.automatic ? automaticMailRel : null);

/** The ticket and its comments are the sender's own words. */
const senderCaller = ({ delivery }: Mail, sender: KnownUser): Caller => ({
  accountId: delivery.accountId,
  actor: { type: 'user', id: sender.id, role: sender.role },
  correlationId: delivery.correlationId,
  channel: 'email',
});

const asResult = (loaded: LoadedStream<Ticket>): CommandResult<Ticket> => ({
  events: [],
  state: loaded.state,
  nextExpectedRevision: loaded.revision,
  position: loaded.position,
});

/** The message id names the ticket: later replies that quote it find the ticket by it. */
const claimMessageFor = (deps: CommandDeps, mail: Mail, sender: KnownUser, ticketId: Uuid) =>
  claimUnique(
    deps,
    'message_id',
    mail.account.id,
    mail.messageId,
    ticketId,
    contextOf(senderCaller(mail, sender)),
  );

/**
 * A reply becomes a public comment on its ticket, authored by the sender (a user already: they take
 * part in the ticket). The comment id comes from the message, so a second delivery adds nothing;
 * the message id is claimed for the ticket after the comment, so that a delivery cut off in
 * between is simply received again.
 */
const addReply = (
  deps: CommandDeps,
  mail: Mail,
  sender: KnownUser,
  ticketId: Uuid,
): TE.TaskEither<InboundError, InboundOutcome> =>
  pipe(
    handleCommand(
      deps,
      ticketDecider,
      streams.ticket(ticketId),
      {
        type: 'AddComment',
        ticketId,
        actor: { type: 'user', id: sender.id, role: sender.role },
        commentId: mail.commentId,
        authorId: sender.id,
        body: bodyOf(mail.email),
        public: true,
      },
      ticketContextOf(mail, sender),
    ),
    TE.chainFirst(() => claimMessageFor(deps, mail, sender, ticketId)),
    TE.map((ticket): InboundOutcome =>
      ticket.events.length === 0
        ? { kind: 'already_received', messageId: mail.messageId, ticket }
        : { kind: 'comment_added', messageId: mail.messageId, ticket, commentId: mail.commentId },
    ),
  );

/**
 * A refusal is final: the message id this delivery claimed is given back, so that nothing stays
 * locked. Not when its ticket already exists: a concurrent delivery completed it under this very
 * claim, which must keep naming it.
 */
const releasedOnRefusal =
  <A>(held: HeldClaim | null) =>
  (error: AppError): TE.TaskEither<AppError, A> =>
    held !== null &&
    held.taken &&
    error.kind === 'DomainRefusal' &&
    error.error.kind !== 'AlreadyExists'
      ? pipe(
          held.release(),
          TE.chain(() => TE.left<AppError, A>(error)),
        )
      : TE.left(error);

/**
 * A new ticket from the mail, channel email, with the requester's default organization (R2.3,
 * `organizationOnCreation`). Decided first with what the sender will be, so that a refusal appends
 * nothing; then the message id is claimed for the ticket (of concurrent deliveries exactly one
 * wins), the sender created if R6.1 says so, and the ticket created. `claimed` is set when an
 * earlier delivery already claimed the message id for this ticket and was cut off.
 */
const openTicketFromMail = (
  deps: CommandDeps,
  mail: Mail,
  sender: Sender,
  ticketId: Uuid,
  claimed: boolean,
): TE.TaskEither<InboundError, InboundOutcome> => {
  const command: CreateTicket = {
    type: 'CreateTicket',
    ticketId,
    accountId: mail.account.id,
    actor: { type: 'user', id: sender.user.id, role: sender.user.role },
    subject: subjectOf(mail.email),
    requester: sender.user,
    submitterId: sender.user.id,
    channel: 'email',
    firstComment: { commentId: mail.commentId, body: bodyOf(mail.email), public: true },
  };
  const decided = ticketDecider.decide(command, ticketDecider.initialState());
  if (E.isLeft(decided)) return TE.left(domainRefusal(decided.left));
  return pipe(
    claimed
      ? TE.right<AppError, HeldClaim | null>(null)
      : claimMessageFor(deps, mail, sender.user, ticketId),
    TE.chain((held) =>
      pipe(
        createSender(deps, systemCaller(mail), mail.email.from, sender),
        TE.chain((createdUser) =>
          pipe(
            handleCommand(
              deps,
              ticketDecider,
              streams.ticket(ticketId),
              command,
              ticketContextOf(mail, sender.user),
            ),
            TE.map((ticket): InboundOutcome => ({
              kind: 'ticket_created',
              messageId: mail.messageId,
              ticket,
              commentId: mail.commentId,
              createdUser,
            })),
          ),
        ),
        TE.orElse(releasedOnRefusal<InboundOutcome>(held)),
      ),
    ),
  );
};

/**
 * The message id was claimed before. Its ticket exists: this is a repeated delivery (or our own
 * mail coming back), and nothing more is recorded. It does not exist yet: another delivery is
 * creating it, or was cut off after its claim; once that has been waited for (`recover`), this
 * delivery creates the ticket itself, under the claimed id (the store lets exactly one create it).
 */
export const receivedBefore = (
  deps: CommandDeps,
  mail: Mail,
  ticketId: Uuid,
  recover: boolean,
): TE.TaskEither<InboundError, InboundOutcome> =>
  pipe(
    loadStream(deps.eventStore, ticketDecider, streams.ticket(ticketId)),
    TE.chainW((loaded): TE.TaskEither<InboundError, InboundOutcome> => {
      if (loaded.state.exists)
        return TE.right({
          kind: 'already_received',
          messageId: mail.messageId,
          ticket: asResult(loaded),
        });
      if (!recover)
        return TE.left<InboundError, InboundOutcome>({
          kind: 'Unfinished',
          streamName: streams.ticket(ticketId),
        });
      return pipe(
        findSender(deps, mail.account, mail.email.from.address),
        TE.chain((sender) => openTicketFromMail(deps, mail, sender, ticketId, true)),
      );
    }),
  );

/** A first delivery: a reply to an open ticket the sender takes part in, else a new ticket. */
export const receivedFirst = (
  deps: CommandDeps,
  mail: Mail,
): TE.TaskEither<InboundError, InboundOutcome> =>
  pipe(
    findSender(deps, mail.account, mail.email.from.address),
    TE.chain((sender) =>
      pipe(
        sender.kind === 'new'
          ? TE.right<AppError, ExistingTicket | null>(null) // a new user takes part in no ticket yet
          : repliedTicket(
              deps,
              mail.account.id,
              threadIdsOf(mail.email, mail.messageId),
              sender.user,
            ),
        TE.chainW((ticket) =>
          ticket === null
            ? openTicketFromMail(deps, mail, sender, deps.ids.next(), false)
            : addReply(deps, mail, sender.user, ticket.id),
        ),
      ),
    ),
  );
