import pino, { type Logger } from 'pino';

/**
 * One JSON object per line (pino), at `HELPDESK_LOG_LEVEL` or `info`: on stdout for `serve` and
 * `migrate`, on stderr for commands whose stdout is their result (`account create`). A server
 * writes its request lines in the background, and flushes them when it stops.
 */
export const cliLogger = (
  fd: 1 | 2 = 1,
  options: { readonly sync?: boolean; readonly level?: string } = {},
): Logger =>
  pino(
    {
      level: options.level ?? (process.env['HELPDESK_LOG_LEVEL'] || 'info'),
      base: { service: 'helpdesk' },
    },
    pino.destination({
      fd,
      sync: options.sync ?? true,
      ...(options.sync === false ? { minLength: 4096 } : {}),
    }),
  );
