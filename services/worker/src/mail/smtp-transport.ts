import * as E from 'fp-ts/Either';
import nodemailer from 'nodemailer';

/** One mail as it leaves: the body now holds the link, so it exists only here and on the wire. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** `<id@domain>`, the same for every attempt at one outbox row */
  readonly messageId: string;
}

export interface SendFailure {
  /** the server refused this mail for good (5xx): trying again would get the same answer */
  readonly permanent: boolean;
  readonly message: string;
}

export interface MailTransport {
  readonly send: (mail: OutgoingMail) => Promise<E.Either<SendFailure, void>>;
  readonly close: () => void;
}

/**
 * Timeouts well inside the sender's claim (5 minutes), so that a mail is never still being sent by
 * one sender when its claim lapses and another takes it.
 */
const timeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

const failureOf = (error: unknown): SendFailure => {
  const details = error as { permanent?: boolean; message?: string };
  return {
    permanent: details.permanent === true,
    message: typeof details.message === 'string' ? details.message : String(error),
  };
};

/** SMTP through nodemailer, to the server `SMTP_URL` names (`smtp://user:pass@host:port`, `smtps://`). */
export const smtpTransport = (smtpUrl: string): MailTransport => {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...timeouts });
  return {
    send: async (mail) => {
      try {
        await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          // RFC 3834: an automatic mail; auto-responders do not answer it, so no mail loop
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return E.right(undefined);
      } catch (error) {
        return E.left(failureOf(error));
      }
    },
    close: () => transporter.close(),
  };
};
