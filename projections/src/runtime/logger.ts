/** Where the runtime reports what an operator must know: a stopped projection, a retried failure. */
export interface RuntimeLogger {
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

/** One JSON line per entry on stderr, so logs stay machine-readable. */
export const stderrLogger: RuntimeLogger = {
  info: (message, details) =>
    process.stderr.write(`${JSON.stringify({ level: 'info', message, ...details })}\n`),
  error: (message, details) =>
    process.stderr.write(`${JSON.stringify({ level: 'error', message, ...details })}\n`),
};

export const errorMessage = (error: unknown): string =>
  error instanceof Error
    ? error.message
    : typeof error === 'object'
      ? JSON.stringify(error)
      : String(error);
