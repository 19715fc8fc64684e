import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import {
  accountOfSupportAddress,
  loadAccount,
  messageIdOf,
  receiveInboundEmail,
  type CommandDeps,
  type InboundEmail,
  type InboundOutcome,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import { parseRawEmail } from '../routes/inbound-email-body';
import {
  replyOfAppError,
  replyOfParseError,
  tooLarge,
  tryLater,
  unknownRecipient,
  type SmtpReply,
} from './smtp-replies';

export interface InboundSmtpOptions {
  readonly commands: CommandDeps;
  readonly logger: Logger;
  /** the domain of the support addresses (`support+<account id>@<domain>`) */
  readonly mailDomain: string;
  readonly port: number;
  /** 127.0.0.1 when absent: there is no authentication, so the port is meant to stay local */
  readonly host?: string;
  /** the largest message accepted (announced with SIZE); 10 MB when absent */
  readonly maxMessageBytes?: number;
}

export interface InboundSmtp {
  readonly port: number;
  /** stops taking connections and waits for those under way */
  readonly close: () => Promise<void>;
}

const defaultMaxMessageBytes = 10 * 1024 * 1024;

const smtpError = (reply: SmtpReply): Error =>
  Object.assign(new Error(reply.message), { responseCode: reply.code });

/** The accounts of the recipients accepted at RCPT, each once. */
const accountsOf = (session: SMTPServerSession, mailDomain: string): ReadonlyArray<Uuid> => [
  ...new Set(
    session.envelope.rcptTo.flatMap((to) => {
      const account = accountOfSupportAddress(to.address, mailDomain);
      return account === null ? [] : [account];
    }),
  ),
];

/** Reads the DATA stream, keeping nothing beyond the limit (the server still reads it to the end). */
const readMessage = (stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () =>
      resolve(stream.sizeExceeded || size > limit ? null : Buffer.concat(chunks)),
    );
  });

type Delivered = E.Either<SmtpReply, InboundOutcome>;

const ticketIdOf = (outcome: InboundOutcome): Uuid | null =>
  outcome.ticket.state.exists ? outcome.ticket.state.id : null;

/**
 * The mail once for each account it was sent to. It is stored (250) when every account has it or
 * refused it for good; if any account could not store it yet, the client is told to try again
 * later (451) and the accounts that have it receive it again as `already_received`. A refusal by
 * every account is the answer (5xx, a bounce to the sender).
 */
const verdict = (results: ReadonlyArray<Delivered>): SmtpReply | null => {
  const failures = results.flatMap((r) => (E.isLeft(r) ? [r.left] : []));
  const temporary = failures.find((f) => !f.permanent);
  if (temporary !== undefined) return temporary;
  return failures.length === results.length ? (failures[0] ?? null) : null;
};

/**
 * The SMTP listener (`helpdesk serve --smtp-port N`): mail to a support address becomes what
 * `POST /channels/email/inbound` makes of it, through the same use case. Unknown recipients are
 * refused at RCPT (550); a message is answered 250 only once it is recorded. No authentication:
 * the port is for a local mail server (or tests). Logs are JSON lines without the message's body.
 */
export const startInboundSmtp = async (options: InboundSmtpOptions): Promise<InboundSmtp> => {
  const { commands, logger, mailDomain } = options;
  const limit = options.maxMessageBytes ?? defaultMaxMessageBytes;
  const log = logger.child({ component: 'inbound_smtp' });

  const deliver = async (
    accountId: Uuid,
    email: InboundEmail,
    session: SMTPServerSession,
  ): Promise<Delivered> => {
    const received = await receiveInboundEmail(
      commands,
      { accountId, correlationId: `smtp-${session.id}` },
      email,
    )();
    return E.mapLeft(replyOfAppError)(received);
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: limit,
    logger: false,
    banner: 'helpdesk inbound mail',
    onRcptTo: (address, session, callback) => {
      const accountId = accountOfSupportAddress(address.address, mailDomain);
      const refuse = (reply: SmtpReply, reason: string) => {
        log.info({ session: session.id, code: reply.code, reason }, 'recipient refused');
        callback(smtpError(reply));
      };
      if (accountId === null) return refuse(unknownRecipient, 'not a support address');
      void loadAccount(commands.eventStore, accountId)().then((account) => {
        if (E.isRight(account)) return callback();
        const reply = replyOfAppError(account.left);
        return refuse(reply.permanent ? unknownRecipient : reply, 'no such account');
      });
    },
    onData: (stream, session, callback) => {
      const answer = (reply: SmtpReply | null, fields: Record<string, unknown>) => {
        log.info(
          {
            session: session.id,
            remote: session.remoteAddress,
            code: reply?.code ?? 250,
            ...fields,
          },
          'message',
        );
        if (reply === null) callback(null, 'OK: recorded');
        else callback(smtpError(reply));
      };
      void (async () => {
        const raw = await readMessage(stream, limit);
        if (raw === null) return answer(tooLarge(limit), { bytes: stream.byteLength });
        const parsed = await parseRawEmail(raw)();
        if (E.isLeft(parsed)) return answer(replyOfParseError(parsed.left), { bytes: raw.length });
        const accounts = accountsOf(session, mailDomain);
        const results: Delivered[] = [];
        for (const accountId of accounts)
          results.push(await deliver(accountId, parsed.right, session));
        return answer(verdict(results), {
          bytes: raw.length,
          message_id: messageIdOf(parsed.right),
          deliveries: results.map((r, i) =>
            E.isRight(r)
              ? { account_id: accounts[i], outcome: r.right.kind, ticket_id: ticketIdOf(r.right) }
              : { account_id: accounts[i], refused: r.left.code },
          ),
        });
      })().catch((error: unknown) => {
        log.error({ session: session.id, err: String(error) }, 'message not recorded');
        callback(smtpError(tryLater('4.3.0 Temporary failure, try again later')));
      });
    },
  });
  server.on('error', (error) => log.error({ err: String(error) }, 'smtp server error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port }, 'listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
