import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: its headers (lower-case names) and its decoded text. */
export interface ReceivedMail {
  readonly headers: Readonly<Record<string, string>>;
  readonly to: ReadonlyArray<string>;
  readonly text: string;
  readonly raw: string;
}

/** `=\r\n` soft breaks and `=XX` escapes, as nodemailer writes lines over 76 characters. */
const decodeQuotedPrintable = (body: string): string =>
  Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const parse = (raw: string, to: ReadonlyArray<string>): ReceivedMail => {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4).replace(/\r\n$/, '');
  const text =
    headers['content-transfer-encoding'] === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : body;
  return { headers, to, text: text.replace(/\r\n/g, '\n'), raw };
};

/**
 * A local SMTP server for the tests: it keeps what it accepts, and refuses mails with the reply
 * code a test asks for (`refuse(451, 2)`: the next two mails get a 451, then it accepts again).
 */
export const startSmtpSink = async () => {
  const received: ReceivedMail[] = [];
  let refusals: { code: number; left: number } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals !== undefined && refusals.left > 0) {
          refusals.left--;
          const error = new Error(`${refusals.code} refused by the test sink`) as Error & {
            responseCode: number;
          };
          error.responseCode = refusals.code;
          callback(error);
          return;
        }
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (code: number, times = Number.POSITIVE_INFINITY) => {
      refusals = { code, left: times };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
