/** The variables `helpdesk serve`, `migrate` and `account create` read besides the stores'. */
export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly operatorToken: string | undefined;
  readonly readModelSchema: string;
  readonly processSchema: string;
  readonly poolSize: number;
  /** how long a write's response may wait for a read model (read-your-writes) */
  readonly readTimeoutMs: number;
  /** how long a stopping server lets requests under way finish */
  readonly shutdownGraceMs: number;
  /** SMTP_URL: where the worker's sender hands the outbox's mails; unset, they stay queued */
  readonly smtpUrl: string | undefined;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

const integer = (
  name: string,
  value: string | undefined,
  fallback: number,
  max: number,
): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`${name} must be an integer from 0 to ${max} (got "${value}")`);
  return n;
};

const schema = (name: string, value: string | undefined, fallback: string): string => {
  const chosen = value?.trim() || fallback;
  if (!identifier.test(chosen)) throw new Error(`${name} must be a lower-case identifier`);
  return chosen;
};

/** A bad setting is a startup failure with a message naming it. */
export const settingsOf = (env: NodeJS.ProcessEnv): Settings => ({
  port: integer('PORT', env['PORT'], 3000, 65_535),
  host: env['HOST']?.trim() || '0.0.0.0',
  operatorToken: env['HELPDESK_OPERATOR_TOKEN']?.trim() || undefined,
  readModelSchema: schema(
    'HELPDESK_READ_MODEL_SCHEMA',
    env['HELPDESK_READ_MODEL_SCHEMA'],
    'read_models',
  ),
  processSchema: schema(
    'HELPDESK_PROCESS_SCHEMA',
    env['HELPDESK_PROCESS_SCHEMA'],
    'process_managers',
  ),
  poolSize: integer('HELPDESK_DB_POOL_SIZE', env['HELPDESK_DB_POOL_SIZE'], 10, 1000) || 10,
  readTimeoutMs: integer(
    'HELPDESK_READ_TIMEOUT_MS',
    env['HELPDESK_READ_TIMEOUT_MS'],
    10_000,
    600_000,
  ),
  shutdownGraceMs: integer(
    'HELPDESK_SHUTDOWN_GRACE_MS',
    env['HELPDESK_SHUTDOWN_GRACE_MS'],
    10_000,
    600_000,
  ),
  smtpUrl: env['SMTP_URL']?.trim() || undefined,
});
