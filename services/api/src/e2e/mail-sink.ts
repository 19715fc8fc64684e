import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink took it: the envelope's recipients, the raw message and mailparser's reading. */
export interface SunkMail {
  readonly envelopeTo: ReadonlyArray<string>;
  readonly raw: string;
  readonly parsed: ParsedMail;
}

export interface MailSink {
  /** `smtp://127.0.0.1:<port>`, what `SMTP_URL` names */
  readonly url: string;
  readonly received: ReadonlyArray<SunkMail>;
  /** the first mail `matches` accepts, waiting for it up to `timeoutMs` */
  readonly waitFor: (matches: (mail: SunkMail) => boolean, timeoutMs: number) => Promise<SunkMail>;
  readonly close: () => Promise<void>;
}

/**
 * A local SMTP server standing for the world's mail servers: it accepts every mail (no
 * authentication, no TLS) and keeps it, parsed as a mail client would read it.
 */
export const startMailSink = async (): Promise<MailSink> => {
  const received: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  const waitFor = async (matches: (mail: SunkMail) => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(matches);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no such mail within ${timeoutMs} ms; received ${received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
