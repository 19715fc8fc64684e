import pino, { type Logger } from 'pino';
import type { ProcessLogger } from '@helpdesk/application';
import type { RuntimeLogger } from '@helpdesk/projections';

/** One JSON object per line on stdout (pino), at `HELPDESK_LOG_LEVEL` or `info`. */
export const jsonLogger = (level = process.env['HELPDESK_LOG_LEVEL'] ?? 'info'): Logger =>
  pino({ level, base: { service: 'worker' } });

/** The projection runtime and the process managers speak `message, details`; pino `details, message`. */
export const componentLogger = (
  logger: Logger,
  component: string,
): RuntimeLogger & ProcessLogger => {
  const child = logger.child({ component });
  return {
    info: (message, details) => child.info(details ?? {}, message),
    error: (message, details) => child.error(details ?? {}, message),
  };
};
