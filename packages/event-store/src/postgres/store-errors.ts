import type { StoreError } from '../port';

export const unavailable = (message: string, cause?: unknown): StoreError => ({
  kind: 'StoreUnavailable',
  message,
  cause,
});

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export const failedTo = (what: string) => (cause: unknown) =>
  unavailable(`could not ${what}: ${messageOf(cause)}`, cause);

const sqlStateOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * Whether the server refused the statement itself (bad data, a constraint, a raised exception):
 * then its transaction surely rolled back and the same requests may be sent again. A lost
 * connection carries no SQLSTATE: the commit may or may not have happened.
 */
export const refusedByServer = (error: unknown): boolean => {
  const sqlState = sqlStateOf(error);
  return sqlState !== undefined && ['22', '23', '42', '54', 'P0'].includes(sqlState.slice(0, 2));
};
