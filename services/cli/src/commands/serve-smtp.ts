import type { Logger } from 'pino';
import { defaultMailDomain, systemClock, uuidGenerator } from '@helpdesk/application';
import { startInboundSmtp, type InboundSmtp } from '@helpdesk/api';
import type { EventStore } from '@helpdesk/event-store';

/** Inbound email for `helpdesk serve`: the support addresses' domain, and the SMTP listener if asked. */
export interface InboundMailSettings {
  /** `HELPDESK_MAIL_DOMAIN`: support addresses are `support+<account id>@<domain>` */
  readonly mailDomain: string;
  /** `--smtp-port N`: no listener without it */
  readonly smtpPort: number | undefined;
  /** `HELPDESK_SMTP_HOST`: 127.0.0.1 by default, since the listener asks for no authentication */
  readonly smtpHost: string;
}

const domainPattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A bad value is a startup failure that names it. */
export const inboundMailSettingsOf = (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string>,
): InboundMailSettings => {
  const mailDomain = env['HELPDESK_MAIL_DOMAIN']?.trim().toLowerCase() || defaultMailDomain;
  if (!domainPattern.test(mailDomain))
    throw new Error(`HELPDESK_MAIL_DOMAIN must be a domain name (got "${mailDomain}")`);
  const at = args.findIndex((arg) => arg === '--smtp-port' || arg.startsWith('--smtp-port='));
  const given = at === -1 ? undefined : (args[at]!.split('=')[1] ?? args[at + 1]);
  const smtpPort = given === undefined ? undefined : Number(given);
  if (
    at !== -1 &&
    (smtpPort === undefined || !Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65_535)
  )
    throw new Error(`--smtp-port must be a port number from 0 to 65535 (got "${given ?? ''}")`);
  return { mailDomain, smtpPort, smtpHost: env['HELPDESK_SMTP_HOST']?.trim() || '127.0.0.1' };
};

/** Starts the SMTP listener when `--smtp-port` was given. */
export const startSmtpIfAsked = async (
  settings: InboundMailSettings,
  eventStore: EventStore,
  logger: Logger,
): Promise<InboundSmtp | undefined> =>
  settings.smtpPort === undefined
    ? undefined
    : startInboundSmtp({
        commands: { eventStore, clock: systemClock, ids: uuidGenerator },
        logger,
        mailDomain: settings.mailDomain,
        port: settings.smtpPort,
        host: settings.smtpHost,
      });
