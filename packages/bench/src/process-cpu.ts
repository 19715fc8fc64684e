import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or undefined. */
const statFields = (pid: number | string): string[] | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/** User plus system CPU seconds a process has used so far (ticks of 1/100 s), or undefined off Linux. */
export const cpuSecondsOf = (pid: number | undefined): number | undefined => {
  // from the state on, utime and stime are the 12th and 13th fields
  const fields = pid === undefined ? undefined : statFields(pid);
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * CPU seconds the PostgreSQL server that serves `databaseUrl` has used so far, when it runs on this
 * machine: its postmaster and every process it started, those still running (backends, the WAL
 * writer, autovacuum) and those gone (counted in the postmaster's children's time once reaped).
 * Undefined when /proc does not show the server.
 */
export const databaseCpuSeconds = async (databaseUrl: string): Promise<number | undefined> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let postmaster: string | undefined;
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // read while the backend lives: its parent is the postmaster
    postmaster = statFields(rows[0]!.pid)?.[1];
  } finally {
    await client.end();
  }
  const own = postmaster === undefined ? undefined : statFields(postmaster);
  if (postmaster === undefined || own === undefined) return undefined;
  let ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(own[i]), 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields?.[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
};

/**
 * CPU seconds the hypervisor has taken from this machine's cores so far (`steal` in /proc/stat),
 * or undefined off Linux. A run that lost many is slower for reasons outside the code.
 */
export const stolenSeconds = (): number | undefined => {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal
    return cpu[0] === 'cpu' && cpu[8] !== undefined ? Number(cpu[8]) / 100 : undefined;
  } catch {
    return undefined;
  }
};
