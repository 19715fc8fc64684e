import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** User plus system CPU seconds a process has used so far (ticks of 1/100 s), or undefined off Linux. */
export const cpuSecondsOf = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which may hold spaces: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};

/**
 * CPU seconds used so far by the PostgreSQL backends serving `databaseUrl`'s database, when the
 * server runs on this machine (its backends are then processes /proc can read); undefined otherwise.
 * The backends are those connected when asked: a pool's connections, which stay for a level.
 */
export const databaseCpuSeconds = async (databaseUrl: string): Promise<number | undefined> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    let total = 0;
    for (const { pid } of rows) {
      const seconds = cpuSecondsOf(pid);
      if (seconds === undefined) return undefined;
      total += seconds;
    }
    return rows.length === 0 ? undefined : total;
  } finally {
    await client.end();
  }
};
