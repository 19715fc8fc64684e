import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * `pnpm bench merge`: runs `run.ts` in a child process from the workspace's sources (the worker's
 * `from-sources` tsconfig maps every `@helpdesk/*` package to its `src`), so that what is measured
 * is the code as it is, built or not. Its output is this command's output.
 */
export const runMergeBench = (args: ReadonlyArray<string>): Promise<void> => {
  const flag = args.indexOf('--tickets');
  const tickets = flag === -1 ? '10000' : String(Number(args[flag + 1]));
  return new Promise((resolve, reject) => {
    // the young generation the worker is meant to run with (services/worker/src/main.ts)
    const node = ['--max-semi-space-size=64', '--import', 'tsx'];
    const child = spawn(process.execPath, [...node, join(__dirname, 'run.ts')], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        BENCH_TICKETS: tickets,
        TSX_TSCONFIG_PATH: join(
          root,
          'services',
          'worker',
          'src',
          'testing',
          'from-sources.tsconfig.json',
        ),
        NODE_PATH: [process.env['NODE_PATH'], join(root, 'node_modules', '.pnpm', 'node_modules')]
          .filter((p) => p !== undefined && p !== '')
          .join(':'),
      },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the merge bench exited with ${code}`)),
    );
  });
};
