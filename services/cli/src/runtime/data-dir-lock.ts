import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded PostgreSQL may be opened by one process at a time: two would corrupt it. The
 * process that opens it leaves its pid in the folder; another finds it and stops, unless that
 * process has died (a crash leaves the file behind).
 */
export const lockDataDir = async (dir: string): Promise<() => Promise<void>> => {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'helpdesk.pid');
  const held = await readFile(file, 'utf8').then(
    (text) => Number(text.trim()),
    () => undefined,
  );
  if (held !== undefined && Number.isInteger(held) && held !== process.pid && isAlive(held))
    throw new Error(
      `the embedded database in ${dir} is in use by process ${held} (helpdesk serve?): stop it first, or use the operator route POST /api/v2/accounts`,
    );
  await writeFile(file, `${process.pid}\n`);
  return () => rm(file, { force: true });
};
