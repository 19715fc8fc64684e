/** The PostgreSQL server tests may use: `DATABASE_URL` when set (CI sets it), otherwise none. */
export const serverUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;

/**
 * Declares server-only tests (two sessions at once, NOTIFY between processes) when a server is
 * available. Without one they are not declared at all rather than skipped: their PGlite
 * counterparts run in every case.
 */
export const describeOnServer = (title: string, body: (connectionString: string) => void): void => {
  const url = serverUrl();
  if (url !== undefined) describe(title, () => body(url));
};
