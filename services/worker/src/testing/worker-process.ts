import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const workerDir = join(__dirname, '..', '..');

export interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  readonly output: string[];
}

/** The worker process, its sources compiled on the fly: what runs is the code under test. */
export const startWorkerProcess = (env: Record<string, string>): Running => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(workerDir, 'src', 'main.ts')], {
    cwd: workerDir,
    env: {
      ...process.env,
      ...env,
      TSX_TSCONFIG_PATH: join(__dirname, 'from-sources.tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let announce: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    announce = resolve;
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output.push(chunk);
    if (chunk.includes('"worker started"')) announce();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, ready: Promise.race([ready, exited.then(() => undefined)]), exited, output };
};
