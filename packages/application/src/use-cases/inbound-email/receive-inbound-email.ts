import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../command/app-error';
import type { CommandDeps } from '../../command/handle-command';
import { loadAccount } from '../lookups';
import { commentIdOf, messageIdOf, type InboundEmail } from './inbound-email';
import {
  receivedBefore,
  receivedFirst,
  type InboundDelivery,
  type InboundOutcome,
  type Mail,
} from './record-mail';
import { holderOf, type InboundError } from './sender';

export type { InboundDelivery, InboundOutcome } from './record-mail';

const attempt = (
  deps: CommandDeps,
  delivery: InboundDelivery,
  email: InboundEmail,
  recover: boolean,
): TE.TaskEither<InboundError, InboundOutcome> =>
  pipe(
    loadAccount(deps.eventStore, delivery.accountId),
    TE.chainW((account) => {
      const messageId = messageIdOf(email);
      const mail: Mail = {
        delivery,
        email,
        account,
        messageId,
        commentId: commentIdOf(account.id, messageId),
      };
      return pipe(
        holderOf(deps, 'message_id', account.id, messageId),
        TE.chainW((holder) =>
          holder === null ? receivedFirst(deps, mail) : receivedBefore(deps, mail, holder, recover),
        ),
      );
    }),
  );

/**
 * Lost to a concurrent delivery of the same mail, or of another mail from the same new sender: the
 * winner's claim (R5.2 for claims), its ticket or user (AlreadyExists), a stream that kept changing,
 * or a ticket closed meanwhile (R1.5). Looking again finds what the winner did.
 */
const isRace = (error: InboundError): boolean => {
  switch (error.kind) {
    case 'Unfinished':
    case 'ConcurrencyConflict':
      return true;
    case 'DomainRefusal':
      return (
        error.error.kind === 'AlreadyExists' ||
        (error.error.kind === 'RuleViolation' &&
          (error.error.rule === 'R5.2' || error.error.rule === 'R1.5'))
      );
    default:
      return false;
  }
};

/** Waits between looks: a delivery under way finishes within these. */
const backoffMs = [25, 50, 100, 200, 400, 800, 1600];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const finalError = (error: InboundError, attempts: number): AppError =>
  error.kind === 'Unfinished'
    ? { kind: 'ConcurrencyConflict', streamName: error.streamName, attempts }
    : error;

/**
 * An inbound email (api.md, `POST /channels/email/inbound`, and the SMTP listener): a reply to a
 * known ticket (`In-Reply-To`/`References`) becomes a public comment by the sender; any other mail
 * opens a ticket (channel email, R2.3) requested by the sender, who is found by their email
 * identity or, when unknown, created as an end user (R6.1, R6.4) or refused (R6.1, nothing
 * appended). One `Message-ID` makes one ticket however often, and however concurrently, it is
 * delivered. Decided for senders who are not active (settled here, `resolveSender`): a merged
 * user's mail is the merge target's (R3.5); a deleted user's released address is unknown again.
 * There is no suspended state.
 */
export const receiveInboundEmail = (
  deps: CommandDeps,
  delivery: InboundDelivery,
  email: InboundEmail,
): TE.TaskEither<AppError, InboundOutcome> => {
  const run =
    (n: number): TE.TaskEither<AppError, InboundOutcome> =>
    async () => {
      const recover = n >= backoffMs.length;
      const outcome = await attempt(deps, delivery, email, recover)();
      if (E.isRight(outcome)) return outcome;
      const delay = backoffMs[n];
      if (!isRace(outcome.left) || n > backoffMs.length)
        return E.left(finalError(outcome.left, n + 1));
      await sleep(delay ?? 0);
      return run(n + 1)();
    };
  return run(0);
};
